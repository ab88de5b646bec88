// Splits a rendered text into runs so the editor can mark the characters that force an SMS into
// UCS-2 (the segment counter gives which ones; this only finds them in the text).
export interface TextRun {
  text: string;
  forcesUcs2: boolean;
}

export function markedRuns(text: string, nonGsm: readonly string[]): TextRun[] {
  if (nonGsm.length === 0) return text === '' ? [] : [{ text, forcesUcs2: false }];
  const marked = new Set(nonGsm);
  const runs: TextRun[] = [];
  for (const char of text) {
    const forcesUcs2 = marked.has(char);
    const last = runs.at(-1);
    if (last !== undefined && last.forcesUcs2 === forcesUcs2) last.text += char;
    else runs.push({ text: char, forcesUcs2 });
  }
  return runs;
}
