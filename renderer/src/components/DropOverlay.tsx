import { useEffect, useState } from 'react';
import { Icon } from './Icon.js';
import { useImport } from '../stores/import-store.js';
import { useNav } from '../stores/nav-store.js';
import { collectDrop } from '../views/import/collect-drop.js';

/**
 * Files and folders dropped anywhere in the window are imported: the overlay shows while something is
 * dragged over the window, and a drop switches to the Import view where the rows appear.
 */
export function DropOverlay() {
  const [active, setActive] = useState(false);
  useEffect(() => {
    let depth = 0; // dragenter/dragleave fire for every child element crossed
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      setActive(true);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault(); // without this the browser opens the file instead of dropping it here
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (!depth) setActive(false);
    };
    const drop = (e: DragEvent) => {
      if (!e.dataTransfer) return;
      e.preventDefault();
      depth = 0;
      setActive(false);
      useNav.getState().go('import');
      void collectDrop(e.dataTransfer).then((payload) => useImport.getState().start(payload));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);
  if (!active) return null;
  return (
    <div className="drop-overlay" aria-hidden="true">
      <div className="drop-overlay-box">
        <div className="drop-overlay-icon"><Icon name="import" size={40} /></div>
        <strong>Drop to import</strong>
        <span>Files or whole folders of call recordings</span>
      </div>
    </div>
  );
}
