/**
 * Argument lists from per-parameter values without a cartesian explosion (pure, deterministic): the
 * base list (each parameter's first value), the list without the optional parameters, then one
 * parameter varied at a time (the special values of all parameters taking turns first), a few pairs
 * of special values, then the remaining one-at-a-time variations; duplicates removed, capped.
 * An absent optional parameter followed by a present one is passed as `undefined`.
 */

export interface ArgumentChoice {
  /** The expressions this choice contributes (one for a plain parameter; none or several for a rest parameter). */
  readonly exprs: readonly string[];
  readonly special: boolean;
}

export interface ParameterChoices {
  /** First is the base. Empty for an optional parameter that cannot be built (always absent). */
  readonly choices: readonly ArgumentChoice[];
  /** May be left out of the call. */
  readonly optional: boolean;
}

const ABSENT = null;
type Pick = ArgumentChoice | typeof ABSENT;

export function combineArguments(parameters: readonly ParameterChoices[], maxLists: number): string[][] {
  const out: string[][] = [];
  const seen = new Set<string>();
  const add = (picks: readonly Pick[]): void => {
    if (out.length >= maxLists) return;
    const args = assemble(picks);
    const key = args.join('\u0000');
    if (seen.has(key)) return;
    seen.add(key);
    out.push(args);
  };
  const base: Pick[] = parameters.map((parameter) => parameter.choices[0] ?? ABSENT);
  add(base);
  add(parameters.map((parameter, index) => (parameter.optional ? ABSENT : base[index]!)));

  const variations = (special: boolean): Pick[][] =>
    takeTurns(
      parameters.map((parameter, index) =>
        parameter.choices
          .slice(1)
          .filter((choice) => choice.special === special)
          .map((choice) => base.map((pick, at) => (at === index ? choice : pick))),
      ),
    );
  for (const picks of variations(true)) add(picks);
  const pairBudget = out.length + Math.max(2, Math.floor(maxLists / 4));
  for (const picks of pairs(parameters, base)) {
    if (out.length >= pairBudget) break;
    add(picks);
  }
  for (const picks of variations(false)) add(picks);
  return out;
}

/** Pairs of special values of two parameters: for each pair of parameters the first and last special of each, the pairs of parameters taking turns. */
function pairs(parameters: readonly ParameterChoices[], base: readonly Pick[]): Pick[][] {
  // The first and the last special value: typically below the lowest and above the highest threshold.
  const specials = parameters.map((parameter) => {
    const all = parameter.choices.slice(1).filter((choice) => choice.special);
    return all.length <= 2 ? all : [all[0]!, all[all.length - 1]!];
  });
  const lists: Pick[][][] = [];
  for (let i = 0; i < parameters.length; i++) {
    for (let j = i + 1; j < parameters.length; j++) {
      const a = specials[i]!;
      const b = specials[j]!;
      if (a.length === 0 || b.length === 0) continue;
      const combos: [ArgumentChoice, ArgumentChoice][] = [];
      for (const [x, y] of [
        [0, 0],
        [1, 1],
        [0, 1],
        [1, 0],
      ] as const) {
        if (a[x] && b[y]) combos.push([a[x], b[y]]);
      }
      lists.push(combos.map(([first, second]) => base.map((pick, at) => (at === i ? first : at === j ? second : pick))));
    }
  }
  return takeTurns(lists);
}

function assemble(picks: readonly Pick[]): string[] {
  let last = picks.length - 1;
  while (last >= 0 && picks[last] === ABSENT) last--;
  const args: string[] = [];
  for (let index = 0; index <= last; index++) {
    const pick = picks[index];
    if (pick === ABSENT || pick === undefined) args.push('undefined');
    else args.push(...pick.exprs);
  }
  return args;
}

/** [[a1, a2], [b1]] -> [a1, b1, a2] */
export function takeTurns<T>(lists: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  const longest = Math.max(0, ...lists.map((list) => list.length));
  for (let index = 0; index < longest; index++) {
    for (const list of lists) if (index < list.length) out.push(list[index]!);
  }
  return out;
}
