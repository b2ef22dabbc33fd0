/** The virtual module of `vite-reader-dts.mjs`: the reader globals' declarations as one text, for Monaco's `addExtraLib`. */
declare module 'virtual:ensemble/reader-api-dts' {
  export const READER_API_DTS: string;
}
