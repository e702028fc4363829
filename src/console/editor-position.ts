/** A place in the transmission being edited: 0-based record index and 1-based column. */
export interface EditorPosition {
  readonly record: number;
  readonly column: number;
}

/** Record and column of a character offset: by line when the text has newlines, else by 80s. */
export function positionOfOffset(text: string, offset: number): EditorPosition {
  if (!text.includes('\n')) return { record: Math.floor(offset / 80), column: (offset % 80) + 1 };
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { record: before.split('\n').length - 1, column: offset - lineStart + 1 };
}

/** The character offset of a record and column (clamped to the record's line). */
export function offsetOfPosition(text: string, record: number, column: number): number {
  if (!text.includes('\n')) return Math.min(text.length, record * 80 + column - 1);
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < record && i < lines.length; i++) offset += (lines[i] as string).length + 1;
  return offset + Math.min(column - 1, (lines[record] ?? '').replace(/\r$/, '').length);
}

/** Record and column under the mouse in a monospace textarea (no wrapping). */
export function positionAtPoint(area: HTMLTextAreaElement, clientX: number, clientY: number, charWidth: number): EditorPosition {
  const style = getComputedStyle(area);
  const box = area.getBoundingClientRect();
  const lineHeight = Number.parseFloat(style.lineHeight) || Number.parseFloat(style.fontSize) * 1.2;
  const x = clientX - box.left - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.borderLeftWidth) + area.scrollLeft;
  const y = clientY - box.top - Number.parseFloat(style.paddingTop) - Number.parseFloat(style.borderTopWidth) + area.scrollTop;
  const line = Math.max(0, Math.floor(y / lineHeight));
  const column = Math.max(1, Math.floor(x / charWidth) + 1);
  if (area.value.includes('\n')) return { record: line, column };
  // Concatenated records show as one long line: the column says which record.
  return { record: Math.floor((column - 1) / 80), column: ((column - 1) % 80) + 1 };
}

/** Width of one character in the element's monospace font. */
export function measureCharWidth(element: HTMLElement): number {
  const probe = document.createElement('span');
  probe.textContent = '0'.repeat(100);
  probe.style.font = getComputedStyle(element).font;
  probe.style.position = 'absolute';
  probe.style.visibility = 'hidden';
  probe.style.whiteSpace = 'pre';
  document.body.appendChild(probe);
  const width = probe.getBoundingClientRect().width / 100;
  probe.remove();
  return width || 8;
}
