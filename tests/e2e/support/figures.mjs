// What the page should show, from the native CLI: its JSON rounded as the app displays.
import { fileURLToPath } from 'node:url';

export const CLI = new URL('../../../target/debug/industry-report', import.meta.url).pathname;

export const DEMO = ['示例市2023年1-2月规上工业企业.xlsx', '示例市2023年1-3月规上工业企业.xlsx', '示例市2023年一季度县区及全省增速与目标.xlsx', '示例市工信局重点企业工作台账.xlsx'];
/** The demo workbooks' paths, for the CLI. */
export const DEMO_PATHS = DEMO.map((f) => fileURLToPath(new URL(`../../../public/demo/${f}`, import.meta.url)));

/** 四舍五入 to one decimal on the decimal value, as the app displays. */
export function one(v) {
  if (v === null || v === undefined) return '—';
  const s = Math.abs(v).toPrecision(15);
  const r = (Math.round(Number(s) * 10 + 1e-9) / 10).toFixed(1);
  return (v < 0 && r !== '0.0' ? '-' : '') + r;
}
