import { FileZipOutlined, FolderOpenOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Progress, Typography, Upload } from 'antd';
import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { xhrUpload, type Schemas } from '../api/client';
import { PageTitle } from '../common/PageTitle';
import { ProblemAlert } from '../common/ProblemAlert';
import { useFormat } from '../common/format-hooks';

/** What is about to go up: a folder's files (with their paths inside the folder) or one zip. */
type Selection =
  | { kind: 'folder'; name: string; files: { file: File; path: string }[] }
  | { kind: 'zip'; file: File };

/** A file's path inside the chosen folder: its relative path without the folder's own name. */
function pathInFolder(file: File): { folder: string; path: string } {
  const rel = (file.webkitRelativePath || file.name).replace(/^\/+/, '');
  const parts = rel.split('/');
  return parts.length > 1 ? { folder: parts[0], path: parts.slice(1).join('/') } : { folder: '', path: rel };
}

function folderOf(files: File[]): Selection {
  const entries = files.map((file) => ({ file, ...pathInFolder(file) }));
  return {
    kind: 'folder',
    name: entries[0]?.folder || '',
    files: entries.map(({ file, path }) => ({ file, path })),
  };
}

/**
 * A new inspection (POST /api/inspections): a folder goes up as multipart files named by their paths inside the
 * folder, a zip as an application/zip body, with upload progress; then the inspection's own page.
 */
export default function NewInspectionPage() {
  const { t } = useTranslation(['inspections', 'common']);
  const fmt = useFormat();
  const navigate = useNavigate();
  const [selection, setSelection] = useState<Selection | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const dropped = useRef<File[]>([]);
  const folderInput = useRef<HTMLInputElement>(null);
  const zipInput = useRef<HTMLInputElement>(null);

  const choose = (s: Selection | null) => {
    setSelection(s);
    setError(null);
    setNotice(null);
    setProgress(null);
  };

  const onFolder = (e: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(e.target.files ?? []);
    if (files.length > 0) choose(folderOf(files));
    e.target.value = '';
  };
  const onZip = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) choose({ kind: 'zip', file });
    e.target.value = '';
  };

  const upload = async (s: Selection) => {
    setError(null);
    setProgress(0);
    try {
      let body: FormData | Blob;
      const headers: Record<string, string> = {};
      if (s.kind === 'zip') {
        body = s.file;
        headers['Content-Type'] = 'application/zip';
      } else {
        const form = new FormData();
        for (const { file, path } of s.files) form.append('files', file, path);
        body = form;
      }
      const created = (await xhrUpload(
        '/api/inspections',
        body,
        (loaded, total) => setProgress(total > 0 ? Math.round((loaded / total) * 100) : 0),
        headers,
      )) as Schemas['InspectionCreatedDto'];
      setProgress(100);
      void navigate(`/inspections/${created.id}`);
    } catch (err) {
      setProgress(null);
      setError(err);
    }
  };

  const uploading = progress !== null && error === null;
  const summary =
    selection?.kind === 'folder'
      ? t('new.selected', { count: selection.files.length, name: selection.name || '—' })
      : selection?.kind === 'zip'
        ? t('new.selectedZip', { name: selection.file.name, size: fmt.bytes(selection.file.size) })
        : null;

  return (
    <>
      <PageTitle title={t('title')} sub={t('new.sub')} />
      <Card>
        <Flex vertical gap={16}>
          <Upload.Dragger
            name="inspection"
            multiple
            directory
            showUploadList={false}
            openFileDialogOnClick={false}
            disabled={uploading}
            beforeUpload={(file, list) => {
              // Called once per dropped file with the whole list: take the list when its last file arrives.
              if (file === list[list.length - 1]) {
                dropped.current = list;
                const files = dropped.current;
                if (
                  files.length === 1 &&
                  /\.zip$/i.test(files[0].name) &&
                  !files[0].webkitRelativePath.includes('/')
                )
                  choose({ kind: 'zip', file: files[0] });
                else if (files.length > 0) choose(folderOf(files));
              }
              return false;
            }}
            style={{ padding: 16 }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined aria-hidden />
            </p>
            <p className="ant-upload-text">{t('new.drop')}</p>
            <p className="ant-upload-hint">{t('new.dropHint')}</p>
          </Upload.Dragger>

          {/* The native inputs stay out of sight (their browser text is not in the portal's language); the buttons open them. */}
          <input
            ref={folderInput}
            type="file"
            data-testid="inspection-folder-input"
            webkitdirectory=""
            multiple
            tabIndex={-1}
            aria-hidden
            onChange={onFolder}
            style={{ display: 'none' }}
          />
          <input
            ref={zipInput}
            type="file"
            accept=".zip,application/zip"
            data-testid="inspection-zip-input"
            tabIndex={-1}
            aria-hidden
            onChange={onZip}
            style={{ display: 'none' }}
          />
          <Flex gap={12} wrap align="center">
            <Button
              icon={<FolderOpenOutlined aria-hidden />}
              disabled={uploading}
              onClick={() => folderInput.current?.click()}
            >
              {t('new.chooseFolder')}
            </Button>
            <Button
              icon={<FileZipOutlined aria-hidden />}
              disabled={uploading}
              onClick={() => zipInput.current?.click()}
            >
              {t('new.chooseZip')}
            </Button>
            <Typography.Text
              data-testid="inspection-selection"
              role="status"
              type={summary ? undefined : 'secondary'}
            >
              {summary ?? t('new.noneChosen')}
            </Typography.Text>
          </Flex>

          {notice && <Alert type="warning" showIcon title={notice} />}

          {progress !== null && (
            <Progress
              percent={progress}
              status={error ? 'exception' : progress === 100 ? 'success' : 'active'}
              aria-label={t('new.progress')}
              data-testid="upload-progress"
            />
          )}
          {error !== null && <ProblemAlert error={error} />}

          <div>
            <Button
              type="primary"
              size="large"
              loading={uploading}
              data-testid="inspection-start"
              onClick={() => (selection ? void upload(selection) : setNotice(t('new.nothing')))}
            >
              {uploading ? t('new.uploading') : t('new.start')}
            </Button>
          </div>
        </Flex>
      </Card>
    </>
  );
}
