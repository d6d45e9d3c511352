/** The `stopword` package ships no types; newsdesk uses only its English list. */
declare module 'stopword' {
  export const eng: string[];
}
