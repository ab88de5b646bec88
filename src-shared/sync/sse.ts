// A minimal parser of server-sent events (the WHATWG event-stream format): text goes in as it
// arrives, whole events' `data` come out. Comment lines (": keep-alive") and other fields are
// ignored; multi-line data is joined with "\n" as the format says.
export class SseParser {
  private buffer = '';
  private data: string[] = [];

  /** Feeds a chunk of the stream; returns the data of every event the chunk completed. */
  feed(chunk: string): string[] {
    this.buffer += chunk;
    const events: string[] = [];
    let newline = this.buffer.search(/\r\n|\r|\n/);
    while (newline !== -1) {
      const line = this.buffer.slice(0, newline);
      const width = this.buffer.startsWith('\r\n', newline) ? 2 : 1;
      this.buffer = this.buffer.slice(newline + width);
      if (line === '') {
        if (this.data.length > 0) events.push(this.data.join('\n'));
        this.data = [];
      } else if (line.startsWith('data:')) {
        this.data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
      }
      newline = this.buffer.search(/\r\n|\r|\n/);
    }
    return events;
  }
}

/** One SSE frame carrying `data` (which must not hold a newline: JSON.stringify never does). */
export function sseFrame(data: string): string {
  return `data: ${data}\n\n`;
}
