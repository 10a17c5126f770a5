import { Button, Group, Modal, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { evidenceBlob } from '../api/clients';
import type { components } from '../api/generated/accreditation';
import { Problem } from './Problem';

type Evidence = components['schemas']['EvidenceView'];

/** One piece of evidence shown inline: a PDF in the browser's viewer, an image as it is, text as text. */
export function EvidenceViewer({ evidence }: { evidence: Evidence }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [url, setUrl] = useState<string>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    if (!open) return;
    let made: string | undefined;
    evidenceBlob(evidence.applicationId, evidence.id).then(
      (blob) => setUrl((made = URL.createObjectURL(blob))),
      setError,
    );
    return () => {
      if (made) URL.revokeObjectURL(made);
      setUrl(undefined);
    };
    // The bytes of one piece of evidence never change: fetched again only when another is opened.
  }, [open, evidence.applicationId, evidence.id]);
  return (
    <>
      <Button size="xs" variant="outline" onClick={() => setOpen(true)}>{t('evidence.view', { name: evidence.fileName })}</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={evidence.fileName} size="xl">
        <Problem error={error} />
        {url && evidence.contentType.startsWith('image/') && <img src={url} alt={evidence.fileName} style={{ maxWidth: '100%' }} />}
        {url && !evidence.contentType.startsWith('image/') && <iframe src={url} title={evidence.fileName} style={{ width: '100%', height: '70vh', border: 0 }} />}
        <Group mt="xs"><Text size="xs" c="dimmed" ff="monospace">SHA-256 {evidence.sha256}</Text></Group>
      </Modal>
    </>
  );
}
