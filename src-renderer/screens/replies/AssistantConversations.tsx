// Replies: the conversations the assistant holds, newest first, each with its state, its last
// turn (what it asked, or what it read from the lead) and, when it handed off, why. The
// assistant's answers take a reply off the list above; this is where its turns show.
import { leadDisplayName } from '../../../src-shared/domain';
import type { AssistantConversation } from '../../../src-shared/ipc/assistant';
import { messageOf, useContractQuery } from '../../bridge/query';
import { hrefOf } from '../../shell/router';
import { localTime } from '../lead/words';
import '../lead/assistant.css';

const modeWords = {
  on: 'Talking',
  paused: 'You took over',
  handed_off: 'Handed to you',
  stopped: 'Stopped',
  off: 'Off',
};

/** Its own turns are questions, except the last words of a hand-off: "Asked" only for a question. */
function turnWord(turn: AssistantConversation['state']['turns'][number]): string {
  if (turn.kind === 'answered') return 'Read: ';
  if (turn.kind === 'note') return 'Noted: ';
  return turn.text.trim().endsWith('?') ? 'Asked: ' : 'Wrote: ';
}

function Conversation({ conversation }: { conversation: AssistantConversation }) {
  const { lead, state } = conversation;
  const last = state.turns.at(-1);
  const name = leadDisplayName(lead) || lead.email || lead.phone || 'Unnamed lead';
  return (
    <li className="panel reply">
      <div className="touch-head">
        <a href={hrefOf(`/leads/${encodeURIComponent(lead.id)}`)}>
          <strong>{name}</strong>
        </a>
        <span className="assistant-mark">Assistant</span>
        <span className={`status status-${state.mode === 'on' ? 'ok' : 'wait'}`}>
          {modeWords[state.mode]}
        </span>
        <time dateTime={new Date(state.updatedAt).toISOString()}>
          {localTime(state.updatedAt, lead.timeZone)} their time
        </time>
      </div>
      {last !== undefined ? (
        <p className="touch-body">
          <span className="muted">{turnWord(last)}</span>
          {last.text}
        </p>
      ) : null}
      {state.mode === 'handed_off' && state.handOff !== null ? (
        <p className="assistant-handoff">Hand-off: {state.handOff.reason}</p>
      ) : null}
    </li>
  );
}

export function AssistantConversations() {
  const conversations = useContractQuery('assistant-conversations', { limit: 100 });
  if (conversations.isPending) return null;
  if (conversations.isError)
    return (
      <p className="field-error">
        Could not load the assistant's conversations: {messageOf(conversations.error)}
      </p>
    );
  if (conversations.data.length === 0) return null;
  return (
    <section aria-labelledby="assistant-conversations">
      <h3 id="assistant-conversations">The assistant's conversations</h3>
      <ul className="plain-list">
        {conversations.data.map((c) => (
          <Conversation key={c.lead.id} conversation={c} />
        ))}
      </ul>
    </section>
  );
}
