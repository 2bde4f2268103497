import type { FileSkipReason } from '../runner/types';

/** Why a listed file was left alone, and what to do about it: one line of the summary. */
export const SKIP_REASON_TEXT: Record<FileSkipReason, string> = {
  symlink: 'a symbolic link: never written through; name the file it points to',
  'too-large': 'over 1 MiB: migrate it by hand, or leave it out with --ignore',
  'not-utf8': 'not UTF-8 text: convert it to UTF-8, or leave it out with --ignore',
  binary: 'holds NUL bytes, so it is not source code: leave it out with --ignore',
  minified: 'minified (generated) code: migrate its source, and leave it out with --ignore',
  'not-regular-file': 'not a regular file (a named pipe, socket or device): leave it out with --ignore',
  submodule: 'a git submodule with Auth0 code: a repository of its own; run the codemod inside it',
  'hard-links': 'has several hard links, which a safe write would split: give it one name and run again',
  interrupted: 'not processed or not written: the run was interrupted',
};
