import { createCanvas } from '@napi-rs/canvas';
import { Chart, registerables } from 'chart.js';
import type { TrendWeek } from '../db/digest-queries';
import type { Lang } from '../domain';
import { t as words } from '../i18n';

Chart.register(...registerables);

export const CHART_SIZE = { width: 800, height: 400 } as const;

/** The 8-week trend as a PNG, drawn on the server: no browser, no external service. */
export async function renderTrendChart(trend: readonly TrendWeek[], lang: Lang = 'en'): Promise<Buffer> {
  const canvas = createCanvas(CHART_SIZE.width, CHART_SIZE.height);
  const ctx = canvas.getContext('2d');
  // A white ground: Slack's dark theme would otherwise show dark text on a transparent image.
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, CHART_SIZE.width, CHART_SIZE.height);
  const t = words(lang).digest.chartLabels;
  const line = (label: string, color: string, data: number[]) => ({ label, data, borderColor: color, backgroundColor: color, tension: 0.2, pointRadius: 3 });
  const chart = new Chart(canvas as never, {
    type: 'line',
    data: {
      labels: trend.map((week) => week.from.slice(5, 10)),
      datasets: [
        line(t.followers, '#1d9bf0', trend.map((w) => w.followers)),
        line(t.welcomes, '#00a67e', trend.map((w) => w.welcomes)),
        line(t.replies, '#f5a623', trend.map((w) => w.replies)),
        line(t.unfollows, '#d0021b', trend.map((w) => w.unfollows)),
      ],
    },
    options: {
      animation: false,
      responsive: false,
      plugins: { title: { display: true, text: t.title }, legend: { position: 'bottom' } },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
  try {
    return Buffer.from(await canvas.encode('png'));
  } finally {
    chart.destroy();
  }
}
