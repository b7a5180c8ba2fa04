import { describe, expect, it } from 'vitest';
import { FILE_LEVEL_CASE_NAME, parseJestStyleResults, stripAnsi } from '../../../src/runners/jest-style-results.js';

const CHECKOUT = '/work/repo';

describe('parseJestStyleResults', () => {
  it('turns each assertion into a case with a repo-relative file and a joined name', () => {
    const parsed = parseJestStyleResults(
      {
        testResults: [
          {
            name: '/work/repo/packages/a/src/x.test.ts',
            status: 'failed',
            message: '',
            assertionResults: [
              { ancestorTitles: ['', 'outer', 'inner'], title: 'works', status: 'passed', duration: 1.5, failureMessages: [] },
              {
                ancestorTitles: [],
                title: 'breaks',
                status: 'failed',
                duration: null,
                failureMessages: ['\u001b[31mexpected 1 to be 2\u001b[39m', 'second'],
              },
              { ancestorTitles: ['outer'], title: 'later', status: 'todo', failureMessages: [] },
              { ancestorTitles: ['outer'], title: 'off', status: 'pending', failureMessages: [] },
              { ancestorTitles: ['outer'], title: 'gone', status: 'disabled', failureMessages: [] },
            ],
          },
        ],
      },
      CHECKOUT,
    );
    expect(parsed).toEqual({
      testFiles: ['packages/a/src/x.test.ts'],
      cases: [
        { file: 'packages/a/src/x.test.ts', name: 'outer > inner > works', status: 'passed', durationMs: 1.5, failureMessage: null },
        { file: 'packages/a/src/x.test.ts', name: 'breaks', status: 'failed', durationMs: null, failureMessage: 'expected 1 to be 2\n\nsecond' },
        { file: 'packages/a/src/x.test.ts', name: 'outer > later', status: 'skipped', durationMs: null, failureMessage: null },
        { file: 'packages/a/src/x.test.ts', name: 'outer > off', status: 'skipped', durationMs: null, failureMessage: null },
        { file: 'packages/a/src/x.test.ts', name: 'outer > gone', status: 'skipped', durationMs: null, failureMessage: null },
      ],
    });
  });

  it('adds one failed file-level case for a file that failed outside its cases', () => {
    const parsed = parseJestStyleResults(
      {
        testResults: [
          { name: '/work/repo/a.test.js', status: 'failed', message: '  Cannot find module "./gone"  ', assertionResults: [] },
          {
            name: '/work/repo/b.test.js',
            status: 'failed',
            message: 'afterAll hook threw',
            assertionResults: [{ ancestorTitles: [], title: 'ok', status: 'passed', failureMessages: [] }],
          },
          { name: '/work/repo/c.test.js', status: 'failed', message: '', assertionResults: [] },
        ],
      },
      CHECKOUT,
    );
    expect(parsed?.cases.filter((testCase) => testCase.name === FILE_LEVEL_CASE_NAME)).toEqual([
      { file: 'a.test.js', name: FILE_LEVEL_CASE_NAME, status: 'failed', durationMs: null, failureMessage: 'Cannot find module "./gone"' },
      { file: 'b.test.js', name: FILE_LEVEL_CASE_NAME, status: 'failed', durationMs: null, failureMessage: 'afterAll hook threw' },
      { file: 'c.test.js', name: FILE_LEVEL_CASE_NAME, status: 'failed', durationMs: null, failureMessage: 'the test file failed without a message' },
    ]);
    expect(parsed?.testFiles).toEqual(['a.test.js', 'b.test.js', 'c.test.js']);
  });

  it('does not add a file-level case when a case already failed', () => {
    const parsed = parseJestStyleResults(
      {
        testResults: [
          {
            name: '/work/repo/a.test.js',
            status: 'failed',
            message: 'summary of the failure',
            assertionResults: [{ ancestorTitles: [], title: 'bad', status: 'failed', failureMessages: [] }],
          },
        ],
      },
      CHECKOUT,
    );
    expect(parsed?.cases).toEqual([
      { file: 'a.test.js', name: 'bad', status: 'failed', durationMs: null, failureMessage: 'the test failed without a message' },
    ]);
  });

  it('keeps a file outside the checkout as a POSIX path and lists each file once', () => {
    const parsed = parseJestStyleResults(
      { testResults: [{ name: '/elsewhere/t.test.js', assertionResults: [] }, { name: '/elsewhere/t.test.js', assertionResults: [] }] },
      CHECKOUT,
    );
    expect(parsed?.testFiles).toEqual(['/elsewhere/t.test.js']);
  });

  it('returns null for something that is not a Jest-style report', () => {
    expect(parseJestStyleResults(null, CHECKOUT)).toBeNull();
    expect(parseJestStyleResults({ numTotalTests: 0 }, CHECKOUT)).toBeNull();
    expect(parseJestStyleResults([], CHECKOUT)).toBeNull();
  });
});

it('stripAnsi removes colour and cursor codes only', () => {
  expect(stripAnsi('\u001b[1m\u001b[31mred\u001b[39m\u001b[22m [x] \u001b[?25h')).toBe('red [x] ');
});
