export { transcriptTxt } from './txt.js';
export { transcriptSrt, transcriptVtt, transcriptCues } from './subtitles.js';
