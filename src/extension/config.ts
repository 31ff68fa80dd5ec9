// Settings read once into a plain typed object, validated with zod, and re-read when
// the user changes them.
import * as vscode from "vscode";
import { z } from "zod";

const settingsSchema = z.object({
  pythonInterpreter: z.string().trim().default(""),
  outputFolder: z.string().trim().min(1).default("pipelines"),
});

export type Settings = z.infer<typeof settingsSchema>;

export interface SettingsReading {
  readonly settings: Settings;
  readonly problems: readonly string[];
}

export function readSettings(): SettingsReading {
  const section = vscode.workspace.getConfiguration("nb2prod");
  const raw = {
    pythonInterpreter: section.get<unknown>("pythonInterpreter"),
    outputFolder: section.get<unknown>("outputFolder"),
  };
  const problems: string[] = [];
  const settings = settingsSchema.parse({});
  for (const key of Object.keys(raw) as (keyof typeof raw)[]) {
    const field = settingsSchema.shape[key].safeParse(raw[key]);
    if (field.success) {
      Object.assign(settings, { [key]: field.data });
    } else {
      problems.push(`Setting nb2prod.${key} is invalid (${field.error.issues[0]?.message ?? "bad value"}); using the default.`);
    }
  }
  return { settings, problems };
}
