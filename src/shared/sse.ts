// Server-Sent Events, the parsing half (https://html.spec.whatwg.org/multipage/server-sent-events.html):
// one parser for the provider streams the server replays and for the replay stream the UI reads.
// Text arrives in chunks split anywhere (the caller decodes bytes with a streaming TextDecoder).
// A line ends at CRLF, LF or a lone CR; a CR that ends a chunk waits for the next one, which may
// start with the LF of the same CRLF. An event ends at a blank line; its `data` lines are joined
// with LF. Comments (`:` lines) and other fields are skipped. One deliberate leniency: at the end
// of the stream an event still missing its blank line is delivered, not dropped, since providers
// sometimes close right after the last data line.

export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private started = false;

  /** Feeds text; returns the data of each event it completed, in order. */
  push(text: string): string[] {
    this.buffer += text;
    if (!this.started && this.buffer.length > 0) {
      this.started = true;
      if (this.buffer.charCodeAt(0) === 0xfeff) this.buffer = this.buffer.slice(1); // a leading BOM
    }
    const events: string[] = [];
    let start = 0;
    for (;;) {
      const cr = this.buffer.indexOf('\r', start);
      const lf = this.buffer.indexOf('\n', start);
      if (cr === -1 && lf === -1) break;
      const end = cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
      // A CR at the very end may be the first half of a CRLF split across chunks.
      if (end === cr && cr === this.buffer.length - 1) break;
      this.line(this.buffer.slice(start, end), events);
      start = end + (end === cr && this.buffer[cr + 1] === '\n' ? 2 : 1);
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  /** The stream ended: a pending CR ends its line, and an event without its blank line still counts. */
  end(): string[] {
    const events: string[] = [];
    const rest = this.buffer.endsWith('\r') ? this.buffer.slice(0, -1) : this.buffer;
    this.buffer = '';
    if (rest !== '') this.line(rest, events);
    this.line('', events);
    return events;
  }

  private line(line: string, events: string[]): void {
    if (line === '') {
      if (this.data.length > 0) events.push(this.data.join('\n'));
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return; // a comment, often a keep-alive
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
  }
}
