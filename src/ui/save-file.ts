/** Hands `text` to the browser as a file the admin downloads, named `fileName`. */
export function saveFile(text: string, type: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = fileName;
  link.click();
}
