'use client';
/**
 * An experiment: per task, each method's median attainment surface over seeds
 * with its 25–75% band; the attainment difference of two chosen methods; the
 * reproduction table (the same rows and cells as `npm run reproduce -- --table`).
 * The URL holds the method pair (?task=&a=&b=).
 */
import { usePathname } from 'next/navigation';
import { useMemo, useRef, useState } from 'react';
import type { ExperimentView as Data } from '@/lib/contract/experiment-view';
import { tableCells } from '@/lib/experiments/reproduce-table';
import { AttainmentBandsChart, AttainmentDifferenceChart } from '../charts/attainment-charts';
import { ExportButtons } from '../charts/export-buttons';
import { objectiveLabel } from '../charts/front-plane-model';
import { taskPlanes, taskPointsCsv } from './experiment-series';
import { ParameterAnalysis } from './parameter-analysis';
import { Card } from '../card';

export interface PairState {
  task: string | null;
  a: string | null;
  b: string | null;
}

const label = (name: string, maximize: boolean) => objectiveLabel({ name, direction: maximize ? 'maximize' : 'minimize' });

function BandsCard({ plane }: { plane: ReturnType<typeof taskPlanes>[number] }) {
  const ref = useRef<HTMLDivElement>(null);
  return (
    <Card
      title={`${plane.environment}: median attainment surface per method`}
      subtitle="Over seeds (empirical attainment function of each seed's evaluation points): the line is attained by at least half the seeds, the band lies between the surfaces attained by 25% and 75% of them."
      actions={
        <ExportButtons
          target={ref}
          name={`attainment-${plane.environment}`}
          csv={() => taskPointsCsv(plane)}
          legend={plane.methods.map((m) => ({ label: m.label, color: m.color }))}
          testId={`export-bands-${plane.environment}`}
        />
      }
      testId={`bands-${plane.environment}`}
    >
      <div ref={ref}>
        <AttainmentBandsChart
          methods={plane.methods}
          maximize={[plane.x.maximize, plane.y.maximize]}
          xLabel={label(plane.x.name, plane.x.maximize)}
          yLabel={label(plane.y.name, plane.y.maximize)}
          testId={`bands-chart-${plane.environment}`}
        />
      </div>
    </Card>
  );
}

export function ExperimentView({ data, initialPair }: { data: Data; initialPair: PairState }) {
  const pathname = usePathname();
  const planes = useMemo(() => taskPlanes(data.groups), [data.groups]);
  const [pair, setPair] = useState(initialPair);
  const diffRef = useRef<HTMLDivElement>(null);
  const plane = planes.find((p) => p.environment === pair.task) ?? planes[0];
  const methods = plane?.methods ?? [];
  const a = methods.find((m) => m.key === pair.a) ?? methods[0];
  const b = methods.find((m) => m.key === pair.b && m.key !== a?.key) ?? methods.find((m) => m.key !== a?.key);
  const set = (next: Partial<PairState>) => {
    const s = { ...pair, ...next };
    setPair(s);
    const qs = new URLSearchParams(Object.entries(s).filter((e): e is [string, string] => !!e[1]));
    window.history.replaceState(null, '', `${pathname}?${qs}`); // history only: no server round trip
  };
  const { head, cells } = tableCells(data.table);
  const tableRef = useRef<HTMLDivElement>(null);

  return (
    <div className="space-y-4" data-testid="experiment-view">
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h1 className="text-xl font-semibold tracking-tight text-slate-900">{data.name}</h1>
        <p className="text-sm text-slate-600">
          {data.runs} runs · {data.groups.length} task × method groups{data.description ? ` · ${data.description}` : ''}
        </p>
      </div>
      {planes.length === 0 && <p className="text-sm text-slate-500">This experiment has no runs yet.</p>}
      <div className="grid gap-4 xl:grid-cols-2">
        {planes.map((p) => (
          <BandsCard key={p.environment} plane={p} />
        ))}
      </div>
      {plane && a && b && (
        <Card
          title="Attainment difference of two methods"
          subtitle="Where one method's seeds attain a region of the plane more often than the other's (fraction of seeds attaining each cell, A minus B)."
          actions={<ExportButtons target={diffRef} name={`attainment-difference-${plane.environment}-${a.key}-vs-${b.key}`} testId="export-difference" />}
          testId="card-difference"
        >
          <div className="mb-2 flex flex-wrap gap-4 text-sm">
            <label className="flex flex-col gap-1 text-xs text-slate-600">
              Task
              <select
                className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
                value={plane.environment}
                onChange={(e) => set({ task: e.target.value })}
                data-testid="pair-task"
              >
                {planes.map((p) => (
                  <option key={p.environment}>{p.environment}</option>
                ))}
              </select>
            </label>
            {(['a', 'b'] as const).map((k) => (
              <label key={k} className="flex flex-col gap-1 text-xs text-slate-600">
                Method {k.toUpperCase()}
                <select
                  className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
                  value={(k === 'a' ? a : b).key}
                  onChange={(e) => set({ [k]: e.target.value })}
                  data-testid={`pair-${k}`}
                >
                  {methods.map((m) => (
                    <option key={m.key}>{m.key}</option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <div ref={diffRef}>
            <AttainmentDifferenceChart
              a={a}
              b={b}
              maximize={[plane.x.maximize, plane.y.maximize]}
              xLabel={label(plane.x.name, plane.x.maximize)}
              yLabel={label(plane.y.name, plane.y.maximize)}
              testId="difference-chart"
            />
          </div>
        </Card>
      )}
      {data.parameters.map((t) => (
        <Card
          key={t.environment}
          title={`${t.environment}: parameter analysis`}
          subtitle="Which knob moves the front: each run's config knobs (those that differ between runs) against its final objectives and hypervolume. Drag along any axis to keep a range; the runs inside every brush are listed."
          testId={`card-parameters-${t.environment}`}
        >
          <ParameterAnalysis task={t} />
        </Card>
      ))}
      <Card
        title="Reproduction table"
        subtitle="Finished runs of calc and hops; the same rows and formatting as npm run reproduce -- --table. Mean ± sample std over seeds."
        actions={<ExportButtons name={`${data.name}-table`} csv={() => data.tableCsv} testId="export-table" />}
        testId="card-table"
      >
        <div ref={tableRef} className="overflow-x-auto">
          {cells.length === 0 ? (
            <p className="text-sm text-slate-500">No finished calc or hops runs with evaluations yet.</p>
          ) : (
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="repro-table">
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                <tr>
                  {head.map((h) => (
                    <th key={h} className="px-3 py-2">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {cells.map((c, i) => (
                  <tr key={i}>
                    {c.map((v, j) => (
                      <td key={j} className={`px-3 py-1.5 ${j >= 2 ? 'font-mono tabular-nums' : ''}`}>
                        {v}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </Card>
      <Card
        title="ParetoPO against each method, paired by seed"
        subtitle="Final policy's test hypervolume of paretopo minus that of each other method (and the base policy) on the same seeds: mean difference, 95% bootstrap interval (exact over all resamples up to 6 seeds), wins. With few seeds the interval is narrow by construction: read it with the number of seeds."
        actions={<ExportButtons name={`${data.name}-paired`} csv={() => data.pairedCsv} testId="export-paired" />}
        testId="card-paired"
      >
        {data.paired.length === 0 ? (
          <p className="text-sm text-slate-500">
            Needs finished paretopo runs and runs of another method (or the base policy's reference points) on the same seeds.
          </p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="paired-table">
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="px-3 py-2">Task</th>
                  <th className="px-3 py-2">paretopo minus</th>
                  <th className="px-3 py-2 text-right">Seeds</th>
                  <th className="px-3 py-2 text-right">Mean Δ HV</th>
                  <th className="px-3 py-2 text-right">95% bootstrap interval</th>
                  <th className="px-3 py-2 text-right">Wins</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data.paired.map((r) => (
                  <tr key={`${r.env}/${r.baseline}`} data-testid="paired-row">
                    <td className="px-3 py-1.5">{r.env}</td>
                    <td className="px-3 py-1.5">{r.baseline}</td>
                    <td className="px-3 py-1.5 text-right tabular-nums">{r.n}</td>
                    <td className={`px-3 py-1.5 text-right font-mono tabular-nums ${r.lo > 0 ? 'text-emerald-700' : r.hi < 0 ? 'text-rose-700' : ''}`}>
                      {signed(r.mean)}
                    </td>
                    <td className="px-3 py-1.5 text-right font-mono tabular-nums">
                      [{signed(r.lo)}, {signed(r.hi)}]
                    </td>
                    <td className="px-3 py-1.5 text-right tabular-nums">
                      {r.wins}/{r.n}
                      {r.ties ? ` (${r.ties} ties)` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}

function signed(x: number): string {
  return Number.isNaN(x) ? 'n/a' : `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;
}
