/** The local mailbox (development only): the mails Relais would have sent, newest first, links clickable. */

export type MailboxEntry = { id: number; recipient: string; subject: string; body: string; createdAt: number };

function Linkified(props: { text: string }) {
  const parts = props.text.split(/(https?:\/\/[^\s]+)/g);
  return <>{parts.map((part) => (/^https?:\/\//.test(part) ? <a href={part}>{part}</a> : part))}</>;
}

export function MailboxPage(props: { mails: MailboxEntry[] }) {
  return (
    <>
      <h1>Local mailbox</h1>
      <p class="muted">Development only: nothing here was sent. Newest first.</p>
      {props.mails.length === 0 ? <p>No mail yet.</p> : null}
      {props.mails.map((mail) => (
        <article class="card mail" data-mail-id={String(mail.id)}>
          <h2>{mail.subject}</h2>
          <p class="muted">
            To <span class="mail-to">{mail.recipient}</span>, {new Date(mail.createdAt).toISOString()}
          </p>
          <pre class="mail-body">
            <Linkified text={mail.body} />
          </pre>
        </article>
      ))}
    </>
  );
}
