// Small, behaviour-preserving changes to a step's notebook code so that mypy and ruff
// accept it as written: a name the code binds more than once, with values of possibly
// different types, is declared `Any` where first bound; an empty container gets its
// element type (`Any`); an assignment nothing reads, inside a branch or loop (so it
// cannot be returned), keeps a targeted `# noqa: F841`.
import type { Binding } from "./cells/bindings";
import type { CodePiece } from "./cells/codePiece";

const EMPTY_CONTAINERS: Readonly<Record<string, string>> = { "[]": "list[Any]", "{}": "dict[Any, Any]", "list()": "list[Any]", "dict()": "dict[Any, Any]", "set()": "set[Any]" };

export interface BodyFixInput {
  readonly pieces: readonly CodePiece[];
  /** Names bound by the function itself (its parameters): never re-annotated. */
  readonly parameters: ReadonlySet<string>;
  /** Names the step returns. */
  readonly returned: ReadonlySet<string>;
}

export interface FixedBody {
  readonly pieces: CodePiece[];
  /** Whether an annotation added uses `Any`. */
  readonly usesAny: boolean;
}

function bindingsByName(pieces: readonly CodePiece[]): Map<string, Binding[]> {
  const byName = new Map<string, Binding[]>();
  for (const piece of pieces) for (const binding of piece.bindings) byName.set(binding.name, [...(byName.get(binding.name) ?? []), binding]);
  return byName;
}

function annotationFor(name: string, bindings: readonly Binding[], input: BodyFixInput): string | undefined {
  const first = bindings[0];
  if (first?.simple !== true || input.parameters.has(name)) return undefined;
  const container = EMPTY_CONTAINERS[(first.value ?? "").replace(/\s+/g, "")];
  if (bindings.length === 1) return container;
  return "Any";
}

function annotate(piece: CodePiece, binding: Binding, annotation: string): CodePiece {
  const name = binding.name;
  const first = piece.lines[0] ?? "";
  const value = (binding.value ?? "").split("\n")[0] ?? "";
  // Only `name = value` itself: a chain (`a = b = 1`) cannot carry an annotation.
  if (!first.startsWith(`${name} = ${value}`) || piece.rawLines.has(0)) return piece;
  return { ...piece, lines: [`${name}: ${annotation} = ${first.slice(name.length + 3)}`, ...piece.lines.slice(1)] };
}

function silenceUnused(piece: CodePiece, binding: Binding): CodePiece {
  const index = binding.pieceLine ?? -1;
  const line = piece.lines[index];
  if (line === undefined || piece.rawLines.has(index) || line.includes("noqa: F841")) return piece;
  const lines = [...piece.lines];
  lines[index] = /# noqa: [A-Z0-9, ]+$/.test(line) ? `${line}, F841` : `${line}  # noqa: F841`;
  return { ...piece, lines };
}

export function fixStepBody(input: BodyFixInput): FixedBody {
  const byName = bindingsByName(input.pieces);
  const loaded = new Set(input.pieces.flatMap((piece) => [...piece.loads]));
  let usesAny = false;
  const pieces = input.pieces.map((original) => {
    let piece = original;
    for (const binding of original.bindings) {
      const all = byName.get(binding.name) ?? [];
      const annotation = all[0] === binding ? annotationFor(binding.name, all, input) : undefined;
      const annotated = annotation === undefined ? piece : annotate(piece, binding, annotation);
      usesAny ||= annotated !== piece;
      piece = annotated;
      const unread = binding.assigned && !loaded.has(binding.name) && !input.returned.has(binding.name) && !binding.name.startsWith("_");
      if (unread) piece = silenceUnused(piece, binding);
    }
    return piece;
  });
  return { pieces, usesAny };
}
