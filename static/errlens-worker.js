// errlens worker: diagnoses large pastes off the page's main thread, so a
// 10 MB log never freezes the host page. It runs the same wasm as the widget
// (URLs come with each job) and replays the host's configuration (catalogue
// extension, context) whenever it changed. Only the widget's own files are
// fetched; nothing leaves the browser.
let ready = null;
let applied = -1;

self.onmessage = async (event) => {
  const { id, glue, wasm, text, options, settings, version } = event.data;
  try {
    if (!ready) {
      ready = import(glue).then(async (module) => {
        await module.default({ module_or_path: wasm });
        return module;
      });
    }
    const module = await ready;
    if (applied !== version) {
      for (const catalogue of settings.catalogues) module.configure({ catalogue });
      if (Object.keys(settings.options).length) module.configure(settings.options);
      applied = version;
    }
    self.postMessage({ id, diagnosis: module.diagnose(text, options) });
  } catch (error) {
    ready = null;
    self.postMessage({ id, error: String((error && error.message) || error) });
  }
};
