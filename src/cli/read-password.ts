import type { Readable, Writable } from 'node:stream';

/**
 * The first line of stdin. On a terminal it prompts and turns echo off so the password is not
 * shown; piped input (`printf %s "$PW" | npm run user:create ...`) is read as-is.
 */
export async function readPassword(input: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => void }, prompt: Writable): Promise<string> {
  if (input.isTTY && input.setRawMode) return readFromTerminal(input as NodeJS.ReadStream, prompt);
  let text = '';
  for await (const chunk of input) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0];
}

function readFromTerminal(input: NodeJS.ReadStream, prompt: Writable): Promise<string> {
  prompt.write('Password: ');
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let password = '';
    const finish = (result: string | Error) => {
      input.setRawMode(false);
      input.pause();
      input.removeListener('data', onData);
      prompt.write('\n');
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const onData = (data: string) => {
      for (const ch of data) {
        if (ch === '\r' || ch === '\n') return finish(password);
        if (ch === '\u0003') return finish(new Error('cancelled'));
        if (ch === '\u007f') password = password.slice(0, -1);
        else password += ch;
      }
    };
    input.on('data', onData);
  });
}
