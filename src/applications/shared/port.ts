/** A transaction's port of entry for its outcome: the four-digit Schedule D code, or nothing when it names none. */
export function portOf(text: string): { port?: string } {
  const port = text.trim();
  return /^\d{4}$/.test(port) ? { port } : {};
}
