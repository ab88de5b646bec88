// Where Porchlight keeps its data when no --data is given: the same folder Electron uses as
// userData for an app named "Porchlight", so both shells open the same workspace.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Porchlight');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Porchlight');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Porchlight');
}
