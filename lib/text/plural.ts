/** "1 error", "3 errors": a count with its noun in the right number (English, regular plurals by default). */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
