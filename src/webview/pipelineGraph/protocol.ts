// Messages between the pipeline graph panel (extension host) and its webview. Both sides
// parse what they receive with these schemas: a webview is a separate, less trusted
// context, and a message of an older or newer shape must fail loudly, not half-work.
import { z } from "zod";
import { pipelineGraphSchema } from "../../core/planning/pipelineGraph";

/** Which run the graph shows: the newest of the notebook (follows new runs), none, or one run. */
export const runChoiceSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("latest") }),
  z.strictObject({ kind: z.literal("none") }),
  z.strictObject({ kind: z.literal("run"), runId: z.string().min(1) }),
]);

export const runOptionSchema = z.strictObject({
  runId: z.string().min(1),
  /** What the run selector shows: when it started and how it ended. */
  label: z.string().min(1),
});

export const toWebviewSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("graph"),
    notebookName: z.string(),
    graph: pipelineGraphSchema,
    runs: z.array(runOptionSchema),
    runChoice: runChoiceSchema,
    /** Plan warnings and problems, shown above the graph. */
    notes: z.array(z.string()),
  }),
  /** Nothing to draw: no notebook analysed yet, or a plan without steps. */
  z.strictObject({ type: z.literal("message"), title: z.string().min(1), detail: z.string() }),
]);

export const fromWebviewSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("ready") }),
  z.strictObject({ type: z.literal("revealStep"), stepId: z.string().min(1) }),
  z.strictObject({ type: z.literal("chooseRun"), runChoice: runChoiceSchema }),
  /** What was drawn: the panel keeps it for tests and the log. */
  z.strictObject({
    type: z.literal("rendered"),
    stepNodes: z.number().int().nonnegative(),
    paramNodes: z.number().int().nonnegative(),
    artifactNodes: z.number().int().nonnegative(),
    edges: z.number().int().nonnegative(),
  }),
  z.strictObject({ type: z.literal("failed"), message: z.string() }),
]);

export type RunChoice = z.infer<typeof runChoiceSchema>;
export type RunOption = z.infer<typeof runOptionSchema>;
export type ToWebview = z.infer<typeof toWebviewSchema>;
export type FromWebview = z.infer<typeof fromWebviewSchema>;
export type RenderedGraph = Extract<FromWebview, { type: "rendered" }>;
