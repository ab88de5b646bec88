// What the grid remembers on this computer: which columns show and how wide they are, and the
// saved views (filters + columns + sort under a name). Kept in the renderer's localStorage: it
// is how this agent likes to look at leads here, not workspace data (decision 0501). Anything
// unreadable (an older shape, a hand edit) falls back to the defaults, never to an error.
import { z } from 'zod';
import { leadStageSchema, temperatureSchema } from '../../../src-shared/domain';

const COLUMNS_KEY = 'porchlight.grid.columns';
const VIEWS_KEY = 'porchlight.grid.views';
export const MAX_VIEWS = 30;
export const VIEW_NAME_MAX = 40;

const visibilitySchema = z.record(z.string().max(40), z.boolean());
const sizingSchema = z.record(z.string().max(40), z.number().min(40).max(1200));

export const gridColumnsSchema = z.object({ visibility: visibilitySchema, sizing: sizingSchema });
export type GridColumns = z.infer<typeof gridColumnsSchema>;

export const gridFiltersSchema = z.object({
  search: z.string().max(200),
  stage: leadStageSchema.or(z.literal('')),
  temperature: temperatureSchema.or(z.literal('')),
});
export type GridFilters = z.infer<typeof gridFiltersSchema>;
export const noFilters: GridFilters = { search: '', stage: '', temperature: '' };

export const gridSortSchema = z.object({ id: z.string().max(40), desc: z.boolean() });
export type GridSort = z.infer<typeof gridSortSchema>;
export const defaultSort: GridSort = { id: 'score', desc: true };

export const savedViewSchema = z.object({
  name: z.string().min(1).max(VIEW_NAME_MAX),
  filters: gridFiltersSchema,
  visibility: visibilitySchema,
  sort: gridSortSchema,
});
export type SavedView = z.infer<typeof savedViewSchema>;

/** Columns hidden until a person chooses them (the grid stays readable at 1024 px). */
export const hiddenByDefault: Record<string, boolean> = {
  phone: false,
  email: false,
  intent: false,
};

function read<T>(key: string, schema: z.ZodType<T>, fallback: T): T {
  try {
    const raw = window.localStorage.getItem(key);
    if (raw === null) return fallback;
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

function write(key: string, value: unknown): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the grid still works, it just forgets on reload.
  }
}

export function loadColumns(): GridColumns {
  return read(COLUMNS_KEY, gridColumnsSchema, { visibility: hiddenByDefault, sizing: {} });
}
export function saveColumns(columns: GridColumns): void {
  write(COLUMNS_KEY, columns);
}

export function loadViews(): SavedView[] {
  return read(VIEWS_KEY, z.array(savedViewSchema).max(MAX_VIEWS), []);
}
export function saveViews(views: readonly SavedView[]): void {
  write(VIEWS_KEY, views);
}

/** Why a view name cannot be saved, in words for the field; null when it can. */
export function viewNameProblem(name: string, views: readonly SavedView[]): string | null {
  const clean = name.trim();
  if (clean === '') return 'Give the view a name.';
  if (clean.length > VIEW_NAME_MAX) return `A view name has at most ${VIEW_NAME_MAX} characters.`;
  if (!views.some((v) => v.name === clean) && views.length >= MAX_VIEWS)
    return `You have ${MAX_VIEWS} views already; delete one first.`;
  return null;
}

/** Saves (or replaces, by name) a view; the list stays in name order. */
export function withView(views: readonly SavedView[], view: SavedView): SavedView[] {
  return [...views.filter((v) => v.name !== view.name), view].sort((a, b) => a.name.localeCompare(b.name));
}
