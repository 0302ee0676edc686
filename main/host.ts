/**
 * What only the desktop shell can do, offered to the core as an interface (the core never imports
 * electron). Browser mode has no host: the browser downloads files itself.
 */
export interface DesktopHost {
  /** Show the OS save dialog; resolves to the chosen absolute path, or null when the user cancels. */
  chooseSavePath(suggestedFileName: string): Promise<string | null>;
}
