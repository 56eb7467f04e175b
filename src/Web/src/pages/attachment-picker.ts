/** The attachments of a ticket or a reply: a drop zone that also takes a pasted screenshot, each file with its size, progress and a remove button. */
import { h } from '../dom';
import { t } from '../i18n';
import { formatSize, maxFileMegabytes, maxFiles } from './ticket-common';

export interface AttachmentPicker {
  /** The drop zone with its list; put it where the field's control goes. */
  readonly element: HTMLElement;
  /** The file input inside the zone, to label and describe it. */
  readonly input: HTMLInputElement;
  files(): File[];
  /** How far one file's upload is, 0 to 1; the list shows it. */
  progress(file: File, fraction: number): void;
  /** While files are uploading nothing may be added or removed. */
  lock(locked: boolean): void;
  /** Empties the list, after the files went with a reply. */
  clear(): void;
}

interface Entry {
  file: File;
  item: HTMLLIElement;
  bar: HTMLProgressElement;
  remove: HTMLButtonElement;
}

export interface PickerOptions {
  id: string;
  /** Where additions, removals and refusals are announced. */
  announce: (text: string) => void;
  /** Aborted when the page goes: the page-wide paste listener goes with it. */
  signal: AbortSignal;
}

export function attachmentPicker({ id, announce, signal }: PickerOptions): AttachmentPicker {
  const input = h('input', {
    id,
    type: 'file',
    name: 'attachments',
    multiple: true,
    class: 'file-input',
    accept: 'image/png,image/jpeg,image/gif,image/webp,application/pdf,application/zip,.zip,.txt,.log',
  });
  const list = h('ul', { class: 'file-list', 'aria-label': t('files.listLabel') });
  const zone = h(
    'div',
    { class: 'drop-zone' },
    h('p', { class: 'drop-zone-text' }, t('files.drop')),
    input,
    h('label', { for: id, class: 'button secondary' }, t('files.choose')),
  );
  const element = h('div', { class: 'attachment-picker' }, zone, list);
  const entries: Entry[] = [];
  let locked = false;

  const add = (files: readonly File[]) => {
    if (locked) return;
    for (const file of files) {
      if (entries.length >= maxFiles) {
        announce(t('files.tooMany', { count: maxFiles }));
        return;
      }
      if (file.size > maxFileMegabytes * 1024 * 1024) {
        announce(t('files.tooLarge', { name: file.name, size: maxFileMegabytes }));
        continue;
      }
      entries.push(entry(file));
      announce(t('files.added', { name: file.name }));
    }
    list.replaceChildren(...entries.map((e) => e.item));
  };

  const entry = (file: File): Entry => {
    const bar = h('progress', { max: '1', value: '0', 'aria-label': t('files.progress', { name: file.name }) });
    const remove = h('button', { type: 'button', class: 'link-button', 'aria-label': t('files.removeLabel', { name: file.name }) }, t('files.remove'));
    const item = h('li', {}, h('span', { class: 'file-name' }, file.name), h('span', { class: 'file-size' }, formatSize(file.size)), bar, remove);
    const created: Entry = { file, item, bar, remove };
    remove.addEventListener('click', () => {
      const index = entries.indexOf(created);
      if (index >= 0) entries.splice(index, 1);
      item.remove();
      announce(t('files.removed', { name: file.name }));
      input.focus();
    });
    return created;
  };

  input.addEventListener('change', () => {
    add(Array.from(input.files ?? []));
    // The list holds the files; emptying the input lets the same file be chosen again after a removal.
    input.value = '';
  });
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    add(Array.from(event.dataTransfer?.files ?? []));
  });
  // A screenshot pasted anywhere on the page is attached; pasted text still goes where the caret is.
  document.addEventListener(
    'paste',
    (event) => {
      const pasted = Array.from(event.clipboardData?.files ?? []);
      if (pasted.length === 0 || !element.isConnected) return;
      event.preventDefault();
      add(pasted.map(named));
    },
    { signal },
  );

  return {
    element,
    input,
    files: () => entries.map((e) => e.file),
    progress(file, fraction) {
      const found = entries.find((e) => e.file === file);
      if (found) found.bar.value = fraction;
    },
    lock(value) {
      locked = value;
      input.disabled = value;
      for (const e of entries) e.remove.disabled = value;
    },
    clear() {
      entries.length = 0;
      list.replaceChildren();
    },
  };
}

/** A pasted image arrives as "image.png"; name it after the moment it was pasted so two pastes stay apart. */
function named(file: File): File {
  if (file.name && file.name !== 'image.png') return file;
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  const extension = file.type.split('/')[1] ?? 'png';
  return new File([file], `${t('files.pastedName')}-${stamp}.${extension}`, { type: file.type });
}
