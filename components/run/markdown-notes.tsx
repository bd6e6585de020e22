'use client';
/**
 * A run's notes rendered as Markdown, safely: react-markdown builds React
 * elements (never innerHTML); raw HTML in the source is dropped (`skipHtml`,
 * and no rehype-raw), and its default urlTransform blanks javascript: and
 * other unsafe link targets.
 */
import Markdown from 'react-markdown';

export function MarkdownNotes({ source }: { source: string }) {
  return (
    <div className="prose-notes text-sm leading-6 text-slate-800" data-testid="run-notes-rendered">
      <Markdown
        skipHtml
        components={{
          h1: (p) => <h3 className="mt-2 text-base font-semibold" {...p} />,
          h2: (p) => <h4 className="mt-2 text-sm font-semibold" {...p} />,
          h3: (p) => <h5 className="mt-2 text-sm font-semibold" {...p} />,
          a: ({ href, children }) => (
            <a href={href} className="text-indigo-700 underline" rel="noopener noreferrer nofollow" target="_blank">
              {children}
            </a>
          ),
          ul: (p) => <ul className="ml-5 list-disc" {...p} />,
          ol: (p) => <ol className="ml-5 list-decimal" {...p} />,
          code: (p) => <code className="rounded bg-slate-100 px-1 font-mono text-xs" {...p} />,
          pre: (p) => <pre className="overflow-x-auto rounded bg-slate-50 p-2" {...p} />,
          p: (p) => <p className="my-1" {...p} />,
        }}
      >
        {source}
      </Markdown>
    </div>
  );
}
