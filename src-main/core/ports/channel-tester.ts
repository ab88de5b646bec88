// "Send a test message to me": a shell gives core one tester per connected provider, so the
// settings screen can show exactly what the provider answered. Adapters implement it.
import type { ChannelTestResult, TestableChannel } from '../../../src-shared/ipc/channels';

export type ChannelTester = (to: string) => Promise<ChannelTestResult>;
export type ChannelTesters = Partial<Record<TestableChannel, ChannelTester>>;
