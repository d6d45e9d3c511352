/** `write-file-atomic` ships no types; newsdesk uses its promise form (temp file, fsync, rename). */
declare module 'write-file-atomic' {
  interface Options {
    encoding?: BufferEncoding;
    fsync?: boolean;
    mode?: number;
    chown?: false;
  }
  function writeFileAtomic(filename: string, data: string | Uint8Array, options?: Options): Promise<void>;
  export default writeFileAtomic;
}
