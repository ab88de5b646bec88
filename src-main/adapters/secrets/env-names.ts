// The environment variable that overrides each secret in headless mode:
// 'twilio.authToken' -> PORCHLIGHT_TWILIO_AUTH_TOKEN, 'ai.apiKey' -> PORCHLIGHT_AI_API_KEY.
import type { SecretName } from '../../core/ports/secret-store';

export function envNameOf(name: SecretName): string {
  const snake = name.replace(/\./g, '_').replace(/([a-z0-9])([A-Z])/g, '$1_$2');
  return `PORCHLIGHT_${snake.toUpperCase()}`;
}
