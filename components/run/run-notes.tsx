'use client';
/** Notes (Markdown) and tags of a run, editable in place (PATCH /api/runs/:id); the server's 4xx message, naming the field, is shown as is. */
import { useState } from 'react';
import { patchRun } from '@/lib/client/wire';
import { MarkdownNotes } from './markdown-notes';
import { TagChips } from '../tag-chips';

export interface Annotations {
  notes: string | null;
  tags: string[];
}

export function RunNotes({ runId, value, onSaved }: { runId: string; value: Annotations; onSaved: (a: Annotations) => void }) {
  const [editing, setEditing] = useState(false);
  const [notes, setNotes] = useState(value.notes ?? '');
  const [tags, setTags] = useState(value.tags.join(', '));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const start = () => {
    setNotes(value.notes ?? '');
    setTags(value.tags.join(', '));
    setError(null);
    setEditing(true);
  };
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const run = await patchRun(runId, {
        notes: notes.trim() ? notes : null,
        tags: tags
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      });
      onSaved({ notes: run.notes, tags: run.tags });
      setEditing(false);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  if (!editing)
    return (
      <div className="space-y-2" data-testid="run-notes">
        <div className="flex items-center gap-2">
          <TagChips tags={value.tags} />
          <button
            type="button"
            onClick={start}
            className="ml-auto rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
            data-testid="edit-notes"
          >
            Edit notes and tags
          </button>
        </div>
        {value.notes ? (
          <MarkdownNotes source={value.notes} />
        ) : (
          <p className="text-sm text-slate-500">No notes yet. Notes are Markdown and searchable from the runs list.</p>
        )}
      </div>
    );
  return (
    <div className="space-y-2" data-testid="run-notes-editor">
      <label className="block text-xs text-slate-600">
        Tags (comma-separated, no spaces inside a tag)
        <input
          value={tags}
          onChange={(e) => setTags(e.target.value)}
          className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
          data-testid="tags-input"
        />
      </label>
      <div className="grid gap-3 lg:grid-cols-2">
        <label className="block text-xs text-slate-600">
          Notes (Markdown; HTML is not rendered)
          <textarea
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
            rows={8}
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 font-mono text-xs"
            data-testid="notes-input"
          />
        </label>
        <div className="text-xs text-slate-600">
          Preview
          <div className="mt-1 min-h-24 rounded-md border border-slate-200 bg-slate-50 px-3 py-2">
            {notes.trim() ? <MarkdownNotes source={notes} /> : <span className="text-slate-400">(empty)</span>}
          </div>
        </div>
      </div>
      {error && (
        <p className="rounded bg-rose-50 px-3 py-1.5 text-sm text-rose-700" data-testid="notes-error">
          Not saved: {error}
        </p>
      )}
      <div className="flex gap-2">
        <button
          type="button"
          onClick={() => void save()}
          disabled={saving}
          className="rounded-md bg-indigo-600 px-3 py-1 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-50"
          data-testid="save-notes"
        >
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button
          type="button"
          onClick={() => setEditing(false)}
          className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm text-slate-700 hover:bg-slate-50"
        >
          Cancel
        </button>
      </div>
    </div>
  );
}
