// Size and depth limits for every synced value, checked at the wire boundary on both sides
// (server before storing, phone before queueing and after pulling). A value nested thousands
// of levels deep once passed the server's checks and then broke every reader's sync, so the
// walk here is iterative (no recursion to overflow) and stops at the first excess.

/** Deepest nesting a value may have: a report snapshot is sections → rows → cells. */
export const MAX_VALUE_DEPTH = 12;
/** Largest value as JSON text (a resized photo as base64 is ≤ 280 000 characters). */
export const MAX_VALUE_CHARS = 300_000;
/** Most entries an array or object may have. */
export const MAX_VALUE_ENTRIES = 5_000;

export type ValueProblem = { kind: 'depth' | 'size' | 'entries' | 'type'; message: string };

/** null when `value` is plain JSON within the limits, else what is wrong (in Vietnamese). */
export function valueProblem(value: unknown): ValueProblem | null {
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  let chars = 0;
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (depth > MAX_VALUE_DEPTH) return { kind: 'depth', message: `Giá trị lồng nhau quá sâu (tối đa ${MAX_VALUE_DEPTH} cấp)` };
    if (v === null || typeof v === 'boolean') {
      chars += 5;
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) return { kind: 'type', message: 'Số không hợp lệ' };
      chars += 16;
    } else if (typeof v === 'string') {
      chars += v.length + 2;
    } else if (Array.isArray(v)) {
      if (v.length > MAX_VALUE_ENTRIES) return { kind: 'entries', message: `Danh sách quá dài (tối đa ${MAX_VALUE_ENTRIES} phần tử)` };
      chars += 2 + v.length;
      for (const item of v) stack.push({ v: item, depth: depth + 1 });
    } else if (typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>);
      if (entries.length > MAX_VALUE_ENTRIES) return { kind: 'entries', message: `Quá nhiều trường (tối đa ${MAX_VALUE_ENTRIES})` };
      chars += 2;
      for (const [k, item] of entries) {
        chars += k.length + 4;
        stack.push({ v: item, depth: depth + 1 });
      }
    } else {
      return { kind: 'type', message: 'Giá trị không phải dữ liệu JSON' };
    }
    if (chars > MAX_VALUE_CHARS) return { kind: 'size', message: `Giá trị quá lớn (tối đa ${Math.round(MAX_VALUE_CHARS / 1000)} nghìn ký tự)` };
  }
  return null;
}
