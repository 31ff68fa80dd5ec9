// Pieces every printed Python module shares: the docstring, the import block (runtime
// and type-only), a module logger, and notebook code blocks.
import { printImports } from "../importBlock";
import type { ImportSpec } from "../importBlock";
import type { PythonWriter } from "../pythonWriter";
import type { CellBlock, TypedName } from "../structures";
import { docstringText, wrapWords } from "../textWrap";

const WIDTH = 88;

export function printDocstring(writer: PythonWriter, summary: string, details: readonly string[] = []): void {
  const body = details.flatMap((paragraph, index) => [...(index === 0 ? [] : [""]), ...wrapWords(docstringText(paragraph), WIDTH - 4)]);
  if (body.length === 0) {
    writer.line(`"""${docstringText(summary)}"""`);
    return;
  }
  writer.line(`"""${docstringText(summary)}`).line().lines(body).line('"""');
}

export interface ModuleImports {
  readonly runtime: readonly ImportSpec[];
  readonly typeOnly: readonly ImportSpec[];
  readonly firstParty: string | readonly string[];
  /** `from __future__ import annotations`: needed when annotations name type-only imports. */
  readonly postponedAnnotations?: boolean;
}

const sameImport = (a: ImportSpec, b: ImportSpec): boolean => a.module === b.module && a.name === b.name && a.alias === b.alias;

/** `from __future__ import annotations`, the runtime imports, then `if TYPE_CHECKING:` imports. */
export function printModuleImports(writer: PythonWriter, imports: ModuleImports): void {
  const typeOnly = imports.typeOnly.filter((spec) => !imports.runtime.some((known) => sameImport(known, spec)));
  const runtime = [...imports.runtime, ...(imports.postponedAnnotations === false ? [] : [{ module: "__future__", name: "annotations" }])];
  if (typeOnly.length > 0) runtime.push({ module: "typing", name: "TYPE_CHECKING" });
  printImports(writer, runtime, imports.firstParty);
  if (typeOnly.length === 0) return;
  writer.line();
  writer.block("if TYPE_CHECKING", () => {
    printImports(writer, typeOnly, imports.firstParty, 4);
  });
}

export function printLogger(writer: PythonWriter, logger: string | undefined): void {
  if (logger === undefined) return;
  writer.line();
  writer.line(`${logger} = logging.getLogger(__name__)`);
}

export function printCellBlocks(writer: PythonWriter, cells: readonly CellBlock[], label: (cell: CellBlock) => string): void {
  cells.forEach((cell, index) => {
    if (index > 0) writer.line();
    writer.line(`# ${label(cell)}`);
    cell.pieces.forEach((piece, pieceIndex) => {
      if (piece.blankBefore && pieceIndex > 0) writer.line();
      writer.verbatim(piece);
    });
  });
}

/** `name: Type  # why Any` for NamedTuple fields and dataclass fields. */
export function typedField(field: TypedName): string {
  const comment = field.type.unknownBecause === undefined ? "" : `  # ${field.type.unknownBecause}`;
  return `${field.name}: ${field.type.annotation}${comment}`;
}

/** `name(a: A, b: B) -> R`, on one line when it fits, else one parameter a line. */
export function printSignature(writer: PythonWriter, head: string, parameters: readonly string[], returns: string, body: () => void): void {
  const oneLine = `${head}(${parameters.join(", ")}) -> ${returns}`;
  if (oneLine.length + 1 <= WIDTH || parameters.length === 0) {
    writer.block(oneLine, body);
    return;
  }
  writer.line(`${head}(`);
  writer.indented(() => writer.lines(parameters.map((parameter) => `${parameter},`)));
  writer.block(`) -> ${returns}`, body);
}

/** `Call(a=a, b=b)` as an expression after `prefix`, wrapped one argument a line when long. */
export function printCall(writer: PythonWriter, prefix: string, callee: string, keywords: readonly string[]): void {
  const args = keywords.map((name) => `${name}=${name}`);
  const oneLine = `${prefix}${callee}(${args.join(", ")})`;
  if (oneLine.length <= WIDTH - 8 || args.length === 0) {
    writer.line(oneLine);
    return;
  }
  writer.line(`${prefix}${callee}(`);
  writer.indented(() => writer.lines(args.map((arg) => `${arg},`)));
  writer.line(")");
}
