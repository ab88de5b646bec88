// The template's live preview on a chosen lead, exactly as core would send it: the refusal a
// send would meet, the subject, the text with the characters that force UCS-2 marked, and for
// email the HTML part with its footer and unsubscribe, drawn in a sandbox (no script, no
// request leaves from it).
import type { Lead } from '../../../src-shared/domain';
import type { TemplatePreview } from '../../../src-shared/ipc/templates';
import { LeadPicker } from './LeadPicker';
import { markedRuns } from './marked-text';
import { PlaceText } from '../../settings/PlaceText';

export function PreviewPane(props: {
  preview: TemplatePreview | null;
  leadId: string | undefined;
  onLead: (lead: Lead | undefined) => void;
  nonGsm: readonly string[];
}) {
  const { preview } = props;
  return (
    <section className="preview" aria-label="Preview">
      <h3>Preview</h3>
      <LeadPicker label="Preview on" leadId={props.leadId} onChange={props.onLead} />
      {preview?.error !== undefined ? (
        <p className="field-error" role="alert">
          <PlaceText text={preview.error.message} />
        </p>
      ) : null}
      {preview?.subject !== undefined ? (
        <p className="preview-subject">
          <span className="muted">Subject:</span> {preview.subject}
        </p>
      ) : null}
      {preview?.html !== undefined ? <h4>Plain text</h4> : null}
      <pre className="preview-text" data-testid="preview-text">
        {markedRuns(preview?.text ?? '', props.nonGsm).map((run, i) =>
          run.forcesUcs2 ? (
            <mark key={i} title="This character makes the text UCS-2 (70 characters a segment)">
              {run.text}
            </mark>
          ) : (
            run.text
          ),
        )}
      </pre>
      {preview?.html !== undefined ? (
        <>
          <h4>HTML</h4>
          <iframe
            className="preview-html"
            title="HTML part as sent"
            sandbox=""
            srcDoc={preview.html}
            data-testid="preview-html"
          />
        </>
      ) : null}
      {preview?.warnings.map((w) => (
        <p key={w} className="warning">
          {w}
        </p>
      ))}
    </section>
  );
}
