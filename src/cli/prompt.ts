import * as readline from 'node:readline/promises';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_ID, TRANSFORMS } from '../../transforms/index';

/**
 * The questions a write run without a path asks on a terminal, as @next/codemod and
 * @mui/codemod do: which transform, which path, and whether to preview a dry run first. Nothing
 * is written without an answer; without a terminal there is nobody to ask (a usage error).
 */

export interface PromptStreams {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream & { isTTY?: boolean };
}

export interface PromptAnswers {
  transform: string;
  paths: string[];
  dry: boolean;
}

/** Thrown when the user cancels a question (Ctrl-C, Ctrl-D). */
export class PromptCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'PromptCancelled';
  }
}

export function canPrompt(streams: Partial<PromptStreams>): streams is PromptStreams {
  return streams.input?.isTTY === true && streams.output?.isTTY === true;
}

/** Opens a question-and-answer session on the terminal; close it when done. */
export function openPrompt(streams: PromptStreams): Prompt {
  return new Prompt(streams);
}

export class Prompt {
  private readonly rl: readline.Interface;
  private readonly cancel = new AbortController();

  constructor(private readonly streams: PromptStreams) {
    this.rl = readline.createInterface({ input: streams.input, output: streams.output, terminal: true });
    this.rl.on('SIGINT', () => this.cancel.abort());
    this.rl.on('close', () => this.cancel.abort());
  }

  close(): void {
    this.rl.close();
  }

  /** One question; the default when the answer is empty. */
  async ask(question: string, fallback: string): Promise<string> {
    try {
      const answer = await this.rl.question(`${question} `, { signal: this.cancel.signal });
      return answer.trim() === '' ? fallback : answer.trim();
    } catch {
      throw new PromptCancelled();
    }
  }

  async confirm(question: string, fallback: boolean): Promise<boolean> {
    for (;;) {
      const answer = (await this.ask(`${question} ${fallback ? '[Y/n]' : '[y/N]'}`, fallback ? 'y' : 'n')).toLowerCase();
      if (answer === 'y' || answer === 'yes') return true;
      if (answer === 'n' || answer === 'no') return false;
      this.streams.output.write('Please answer y or n.\n');
    }
  }

  /** Transform, path and dry run, each with a default the user accepts with Enter. */
  async runArguments(defaults: { transform: string; cwd: string }): Promise<PromptAnswers> {
    const ids = [ALL_ID, ...TRANSFORMS.map((t) => t.meta.id)];
    const descriptions = new Map<string, string>(TRANSFORMS.map((t) => [t.meta.id, t.meta.description]));
    this.streams.output.write('No path was given. Which transform?\n');
    ids.forEach((id, i) => {
      this.streams.output.write(`  ${i + 1}. ${id}${id === ALL_ID ? ' (every transform below)' : `: ${descriptions.get(id) ?? ''}`}\n`);
    });
    let transform: string | undefined;
    while (transform === undefined) {
      const answer = await this.ask(`Transform (name or number) [${defaults.transform}]:`, defaults.transform);
      const byNumber = /^\d+$/.test(answer) ? ids[Number(answer) - 1] : undefined;
      transform = byNumber ?? ids.find((id) => id === answer);
      if (transform === undefined) this.streams.output.write(`Not a transform: ${answer}. Answer one of 1-${ids.length} or a name.\n`);
    }
    let target: string | undefined;
    while (target === undefined) {
      const answer = await this.ask('Path to migrate (a file or folder) [.]:', '.');
      if (existsSync(path.resolve(defaults.cwd, answer))) target = answer;
      else this.streams.output.write(`No such file or directory: ${answer}\n`);
    }
    const dry = await this.confirm('Preview the changes as a dry run first (nothing is written)?', true);
    return { transform, paths: [target], dry };
  }
}
