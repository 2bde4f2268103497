import { describe, expect, it } from 'vitest';
import { backgroundPoolSize } from '../../src/cli/launch';

describe('backgroundPoolSize', () => {
  it('leaves V8 the CPUs the run does not use, at least one and at most four', () => {
    expect(backgroundPoolSize(2, [])).toBe(1);
    expect(backgroundPoolSize(16, [])).toBe(1);
    expect(backgroundPoolSize(16, ['--workers', '4'])).toBe(4);
    expect(backgroundPoolSize(8, ['all', 'src', '--workers=6'])).toBe(2);
    expect(backgroundPoolSize(2, ['--workers', '1'])).toBe(1);
  });

  it('falls back to one thread per CPU for a --workers value the CLI will reject anyway', () => {
    expect(backgroundPoolSize(8, ['--workers', 'many'])).toBe(1);
    expect(backgroundPoolSize(8, ['--workers'])).toBe(1);
  });
});
