// The log level of a line the engine child printed itself. Tesseract and Leptonica print their own notes
// ("Error in boxClipToRectangle", "Estimating resolution as 312") for cards that read fine: debug, not a
// warning. Anything else on stderr (a crash trace, a Node warning) stays a warning.

/** Tesseract's and Leptonica's own chatter, as they print it. */
const tesseractChatter = /^(Error in \w+:|Warning[:.,]|Warning\b.*(resolution|dpi)|Estimating resolution|Detected \d+ diacritics|Empty page|Too few characters|Image too (small|large)|Line cannot be recognized|Failed to load any lstm|Info in \w+:|pix\w+:|box\w+:)/i;

export function childOutputLevel(line: string, stream: 'stdout' | 'stderr'): 'debug' | 'warn' {
  if (stream === 'stdout' || tesseractChatter.test(line.trim())) { return 'debug'; }
  return 'warn';
}
