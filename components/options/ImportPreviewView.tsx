import type { ComponentChildren } from 'preact';
import {
  changeLines,
  channelAddLine,
  channelSkipLine,
  importsAnything,
  skipLine,
} from '@/components/options/import-text';
import { type MessageKey, t } from '@/lib/i18n';
import type { ImportPreview } from '@/lib/messages';
import { plural } from '@/lib/plural';
import { providerName } from '@/lib/providers/names';

interface Props {
  fileName: string;
  preview: ImportPreview;
  busy: boolean;
  /** The confirm button's words: "Import", or "Import only the valid accounts". */
  confirmLabel?: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/** One part of the preview: a counted heading and its lines; nothing when it has none. */
function Part({ heading, lines }: { heading: string; lines: Line[] }) {
  if (lines.length === 0) return null;
  return (
    <>
      <h4>{heading}</h4>
      <ul>
        {lines.map((line) => (
          <li key={line.key}>{line.content}</li>
        ))}
      </ul>
    </>
  );
}

interface Line {
  key: string;
  content: ComponentChildren;
}

const lines = (texts: string[]): Line[] =>
  texts.map((text, index) => ({ key: `${index}|${text}`, content: text }));

function AddLine({ account }: { account: ImportPreview['accounts'][number] }) {
  return (
    <>
      {t('options_import_add', [account.name, providerName(account.provider), account.baseUrl])}{' '}
      <span class={account.hasCredentials ? 'muted' : 'warning'}>
        (
        {account.hasCredentials
          ? t('options_import_with_credentials')
          : t('options_import_without_credentials')}
        )
      </span>
    </>
  );
}

/** A counted heading: "Add 1 account:", "Skip 2 team channels:". */
function counted(n: number, one: MessageKey, other: MessageKey): string {
  return plural(n, { one, other });
}

/** The team channels (only a file exported with credentials brings any), as accounts are. */
function ChannelParts({ preview }: { preview: ImportPreview }) {
  const { channels, skippedChannels } = preview;
  return (
    <>
      <Part
        heading={counted(
          channels.length,
          'options_import_channel_adds_one',
          'options_import_channel_adds_other',
        )}
        lines={lines(channels.map(channelAddLine))}
      />
      <Part
        heading={counted(
          skippedChannels.length,
          'options_import_channel_skips_one',
          'options_import_channel_skips_other',
        )}
        lines={lines(skippedChannels.map(channelSkipLine))}
      />
    </>
  );
}

/**
 * What the import will add, change and skip (and why), accounts and team channels, before
 * anything does.
 */
export function ImportPreviewView(props: Props) {
  const { fileName, preview, busy, onConfirm, onCancel } = props;
  const headingId = 'import-preview-heading';
  const changes = changeLines(preview);
  const adds = preview.accounts.map((account, index) => ({
    key: `${index}|${account.name}`,
    content: <AddLine account={account} />,
  }));
  const anything = importsAnything(preview);
  return (
    <section class="import-preview" aria-labelledby={headingId}>
      <p id={headingId}>{t('options_import_preview', fileName)}</p>
      <Part
        heading={counted(adds.length, 'options_import_adds_one', 'options_import_adds_other')}
        lines={adds}
      />
      <Part
        heading={counted(
          changes.length,
          'options_import_changes_one',
          'options_import_changes_other',
        )}
        lines={lines(changes)}
      />
      <Part
        heading={counted(
          preview.skipped.length,
          'options_import_skips_one',
          'options_import_skips_other',
        )}
        lines={lines(preview.skipped.map(skipLine))}
      />
      <ChannelParts preview={preview} />
      {anything ? null : <p>{t('options_import_nothing')}</p>}
      <div class="actions">
        {/* Nothing to import: no Import button, so no "Imported 0 accounts". */}
        {anything ? (
          <button type="button" aria-disabled={busy} onClick={onConfirm}>
            {props.confirmLabel ?? t('options_import_confirm')}
          </button>
        ) : null}
        <button type="button" class="secondary" onClick={onCancel}>
          {t('common_cancel')}
        </button>
      </div>
    </section>
  );
}
