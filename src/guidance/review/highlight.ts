/** A span of the text a finding is about (UTF-16 offsets, end excluded). */
export interface Span {
  start: number;
  end: number;
}

/** A run of the text and the findings (by index, in the list given) that cover all of it; none for plain text. */
export interface Segment {
  text: string;
  findings: number[];
}

/**
 * Cuts a text into runs at every finding's start and end, so that findings that overlap or nest become a series of
 * runs that do not: each run can be wrapped in one `<mark>` and the HTML stays well formed. Spans are clamped to the
 * text, empty ones ignored; the runs joined give the text back.
 */
export function highlightSegments(text: string, spans: readonly Span[]): Segment[] {
  const clamp = (n: number) => Math.min(Math.max(0, Math.trunc(n)), text.length);
  const clamped = spans.map((span) => ({ start: clamp(span.start), end: clamp(span.end) }));
  const cuts = new Set<number>([0, text.length]);
  for (const span of clamped) {
    if (span.end > span.start) {
      cuts.add(span.start);
      cuts.add(span.end);
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i] ?? 0;
    const to = points[i + 1] ?? text.length;
    const findings = clamped.flatMap((span, index) => (span.start <= from && to <= span.end && span.end > span.start ? [index] : []));
    const last = segments.at(-1);
    if (last && sameList(last.findings, findings)) last.text += text.slice(from, to);
    else segments.push({ text: text.slice(from, to), findings });
  }
  return segments;
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
