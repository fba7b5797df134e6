//! UI strings: every word the widget shows comes from this table, so a host
//! can translate or reword it with `ErrLens.configure({locale, translations})`.
//! English is built in, with Spanish, German and French. A missing key or
//! locale falls back to English, never to an empty label.

use std::cell::RefCell;
use std::collections::HashMap;

/// (key, English, Spanish, German, French)
const TABLE: &[(&str, &str, &str, &str, &str)] = &[
    ("title", "Help", "Ayuda", "Hilfe", "Aide"),
    ("loader.loading", "Loading help…", "Cargando la ayuda…", "Hilfe wird geladen…", "Chargement de l'aide…"),
    ("loader.failed", "Help could not load.", "No se pudo cargar la ayuda.", "Die Hilfe konnte nicht geladen werden.", "L'aide n'a pas pu se charger."),
    ("loader.crashed", "Help stopped working because of an internal error. Your draft is saved.", "La ayuda dejó de funcionar por un error interno. Su borrador está guardado.", "Die Hilfe funktioniert wegen eines internen Fehlers nicht mehr. Ihr Entwurf ist gespeichert.", "L'aide s'est arrêtée à cause d'une erreur interne. Votre brouillon est enregistré."),
    ("loader.reload", "Reload help", "Recargar la ayuda", "Hilfe neu laden", "Recharger l'aide"),
    ("tab.search", "Search", "Buscar", "Suchen", "Rechercher"),
    ("tab.diagnose", "Diagnose", "Diagnosticar", "Diagnose", "Diagnostiquer"),
    ("tab.ticket", "Contact support", "Contactar soporte", "Support kontaktieren", "Contacter le support"),
    ("close", "Close help", "Cerrar ayuda", "Hilfe schließen", "Fermer l'aide"),
    ("search.label", "Search errors", "Buscar errores", "Fehler suchen", "Rechercher une erreur"),
    ("search.placeholder", "Error code, message or words, e.g. 429, token expired", "Código, mensaje o palabras, p. ej. 429", "Code, Meldung oder Stichwörter, z. B. 429", "Code, message ou mots, p. ex. 429"),
    ("search.none", "No entry matches", "Ninguna entrada coincide", "Kein Eintrag passt", "Aucune entrée ne correspond"),
    ("search.looks", "Looks like:", "Parece:", "Sieht aus wie:", "On dirait :"),
    ("search.looks.diagnose", "Diagnose this message", "Diagnosticar este mensaje", "Diese Meldung diagnostizieren", "Diagnostiquer ce message"),
    ("search.none.hint", "Paste the whole error instead, or ask support.", "Pegue el error completo o pida ayuda a soporte.", "Fügen Sie den ganzen Fehler ein oder fragen Sie den Support.", "Collez l'erreur complète ou demandez au support."),
    ("search.results", "results", "resultados", "Ergebnisse", "résultats"),
    ("browse.title", "Browse by category", "Explorar por categoría", "Nach Kategorie", "Parcourir par catégorie"),
    ("browse.all", "All categories", "Todas las categorías", "Alle Kategorien", "Toutes les catégories"),
    ("recent", "Recent searches", "Búsquedas recientes", "Letzte Suchen", "Recherches récentes"),
    ("entry.meaning", "What it means", "Qué significa", "Was es bedeutet", "Ce que cela signifie"),
    ("entry.causes", "Common causes", "Causas comunes", "Häufige Ursachen", "Causes fréquentes"),
    ("entry.fixes", "How to fix it", "Cómo solucionarlo", "So beheben Sie es", "Comment corriger"),
    ("entry.tried", "I tried this", "Lo he probado", "Habe ich versucht", "J'ai essayé"),
    ("entry.now", "What to do now", "Qué hacer ahora", "Was jetzt zu tun ist", "Que faire maintenant"),
    ("entry.related", "Related", "Relacionado", "Verwandt", "Voir aussi"),
    ("entry.references", "References", "Referencias", "Quellen", "Références"),
    ("entry.back", "Back", "Atrás", "Zurück", "Retour"),
    ("entry.whose", "Whose problem", "De quién es el problema", "Wessen Problem", "Origine du problème"),
    ("diagnose.label", "Paste an error", "Pegue un error", "Fehler einfügen", "Collez une erreur"),
    ("draft.masked.one", "Restored from your saved draft: 1 secret was masked when it was saved, so it is not stored on this device.", "Restaurado de su borrador: 1 secreto se ocultó al guardarlo, así que no queda en este dispositivo.", "Aus Ihrem Entwurf wiederhergestellt: 1 Geheimnis wurde beim Speichern maskiert und liegt nicht auf diesem Gerät.", "Restauré depuis votre brouillon : 1 secret a été masqué à l'enregistrement ; il n'est pas stocké sur cet appareil."),
    ("draft.masked.many", "Restored from your saved draft: {n} secrets were masked when it was saved, so they are not stored on this device.", "Restaurado de su borrador: {n} secretos se ocultaron al guardarlo, así que no quedan en este dispositivo.", "Aus Ihrem Entwurf wiederhergestellt: {n} Geheimnisse wurden beim Speichern maskiert und liegen nicht auf diesem Gerät.", "Restauré depuis votre brouillon : {n} secrets ont été masqués à l'enregistrement ; ils ne sont pas stockés sur cet appareil."),
    ("masked.title", "Secrets masked in this paste", "Secretos ocultos en este texto", "In diesem Text maskierte Geheimnisse", "Secrets masqués dans ce texte"),
    ("masked.rotate", "Rotate this key", "Rote esta clave", "Diesen Schlüssel erneuern", "Renouvelez cette clé"),
    ("masked.rotate.hint", "It was pasted in clear: revoke it and create a new one.", "Se pegó en claro: revóquela y cree una nueva.", "Er wurde im Klartext eingefügt: widerrufen Sie ihn und erstellen Sie einen neuen.", "Elle a été collée en clair : révoquez-la et créez-en une nouvelle."),
    ("diagnose.hint", "Paste an HTTP response, JSON or XML body, HAR, curl -v output, log lines or a stack trace, or drop a .har, .json, .log or .txt file. Nothing leaves your browser.", "Pegue una respuesta HTTP, JSON, XML, HAR, salida de curl -v, registros o una traza. Nada sale de su navegador.", "Fügen Sie eine HTTP-Antwort, JSON, XML, HAR, curl -v, Logzeilen oder einen Stacktrace ein. Nichts verlässt Ihren Browser.", "Collez une réponse HTTP, du JSON, du XML, un HAR, une sortie curl -v, des journaux ou une trace. Rien ne quitte votre navigateur."),
    ("diagnose.none", "This doesn't look like an error we know", "Esto no parece un error conocido", "Das sieht nicht nach einem bekannten Fehler aus", "Cela ne ressemble pas à une erreur connue"),
    ("diagnose.none.hint", "Paste the response of the failing call: in the browser, open DevTools > Network, right-click the red request and choose Copy > Copy response, or Save all as HAR. In a terminal, run the call with curl -v.", "Pegue la respuesta de la llamada fallida (DevTools > Red > Copiar respuesta o Guardar como HAR), o use curl -v.", "Fügen Sie die Antwort des fehlgeschlagenen Aufrufs ein (DevTools > Netzwerk > Antwort kopieren oder als HAR speichern) oder nutzen Sie curl -v.", "Collez la réponse de l'appel en échec (DevTools > Réseau > Copier la réponse ou Enregistrer en HAR), ou utilisez curl -v."),
    ("diagnose.pending", "Reading a large paste…", "Leyendo un texto grande…", "Großer Text wird gelesen…", "Lecture d'un long texte…"),
    ("diagnose.status", "Status", "Estado", "Status", "Statut"),
    ("diagnose.kind", "Kind", "Tipo", "Art", "Type"),
    ("diagnose.format", "Read as", "Leído como", "Gelesen als", "Lu comme"),
    ("diagnose.provider", "From", "De", "Von", "De"),
    ("diagnose.others", "Other possibilities", "Otras posibilidades", "Andere Möglichkeiten", "Autres possibilités"),
    ("diagnose.proof", "The proof in your paste", "La prueba en su texto", "Der Beleg in Ihrem Text", "La preuve dans votre texte"),
    ("diagnose.retry.after", "Safe to retry after", "Puede reintentar después de", "Erneut versuchen nach", "Réessayer après"),
    ("diagnose.retry.yes", "Safe to retry", "Se puede reintentar", "Wiederholen ist sicher", "Vous pouvez réessayer"),
    ("diagnose.retry.no", "Retrying the same request will not help", "Reintentar no ayudará", "Wiederholen hilft nicht", "Réessayer n'aidera pas"),
    ("diagnose.open", "Read the full entry", "Leer la entrada completa", "Ganzen Eintrag lesen", "Lire la fiche complète"),
    ("diagnose.ticket", "Ask support", "Pedir ayuda", "Support fragen", "Demander au support"),
    ("diagnose.request", "Request id", "Id de solicitud", "Anfrage-ID", "Id de requête"),
    ("confidence.high", "Very likely", "Muy probable", "Sehr wahrscheinlich", "Très probable"),
    ("confidence.medium", "Likely", "Probable", "Wahrscheinlich", "Probable"),
    ("confidence.low", "Possibly", "Posiblemente", "Möglicherweise", "Peut-être"),
    ("ticket.title", "Title", "Título", "Titel", "Titre"),
    ("ticket.description", "What happened", "Qué pasó", "Was ist passiert", "Ce qui s'est passé"),
    ("ticket.tried", "What I tried", "Lo que probé", "Was ich versucht habe", "Ce que j'ai essayé"),
    ("ticket.integration", "Integration", "Integración", "Integration", "Intégration"),
    ("ticket.workspace", "Workspace", "Espacio de trabajo", "Arbeitsbereich", "Espace de travail"),
    ("ticket.flow", "Flow", "Flujo", "Flow", "Flux"),
    ("ticket.error", "Error text (secrets masked)", "Texto del error (secretos ocultos)", "Fehlertext (Geheimnisse maskiert)", "Texte de l'erreur (secrets masqués)"),
    ("ticket.requests", "Request ids", "Ids de solicitud", "Anfrage-IDs", "Ids de requête"),
    ("ticket.observed", "First observed", "Visto por primera vez", "Zuerst beobachtet", "Observé pour la première fois"),
    ("ticket.priority", "Priority", "Prioridad", "Priorität", "Priorité"),
    ("ticket.blocker", "This blocks my work", "Esto bloquea mi trabajo", "Das blockiert meine Arbeit", "Cela bloque mon travail"),
    ("ticket.deadline", "Deadline", "Fecha límite", "Frist", "Échéance"),
    ("ticket.docs", "I checked the documentation", "Revisé la documentación", "Ich habe die Dokumentation gelesen", "J'ai consulté la documentation"),
    ("ticket.copy.text", "Copy as text", "Copiar como texto", "Als Text kopieren", "Copier en texte"),
    ("ticket.copy.md", "Copy as Markdown", "Copiar como Markdown", "Als Markdown kopieren", "Copier en Markdown"),
    ("ticket.email", "Open as e-mail", "Abrir como correo", "Als E-Mail öffnen", "Ouvrir en e-mail"),
    ("ticket.send", "Send to support", "Enviar a soporte", "An Support senden", "Envoyer au support"),
    ("ticket.copied", "Copied. Secrets stay masked.", "Copiado. Los secretos siguen ocultos.", "Kopiert. Geheimnisse bleiben maskiert.", "Copié. Les secrets restent masqués."),
    ("ticket.discard", "Discard draft", "Descartar borrador", "Entwurf verwerfen", "Supprimer le brouillon"),
    ("ticket.preview", "Preview", "Vista previa", "Vorschau", "Aperçu"),
    ("ticket.masked", "Masked before sending", "Ocultado antes de enviar", "Vor dem Senden maskiert", "Masqué avant l'envoi"),
    ("ticket.stale", "This draft describes an earlier error. Your edits stay either way.", "Este borrador describe un error anterior. Tus cambios se conservan en ambos casos.", "Dieser Entwurf beschreibt einen früheren Fehler. Ihre Änderungen bleiben so oder so erhalten.", "Ce brouillon décrit une erreur précédente. Vos modifications sont conservées dans tous les cas."),
    ("ticket.stale.take", "Use the new error", "Usar el error nuevo", "Neuen Fehler übernehmen", "Utiliser la nouvelle erreur"),
    ("ticket.masked.hint", "Tick a value only if it is not a secret: it will then appear in the ticket.", "Marque un valor solo si no es secreto: aparecerá en el ticket.", "Markieren Sie einen Wert nur, wenn er nicht geheim ist: Er erscheint dann im Ticket.", "Cochez une valeur seulement si elle n'est pas secrète : elle apparaîtra dans le ticket."),
    ("ticket.masked.chars", "characters; not a secret, show it", "caracteres; no es secreto, mostrarlo", "Zeichen; nicht geheim, anzeigen", "caractères ; pas un secret, l'afficher"),
    ("jwt.title", "Token in your paste", "Token en su texto", "Token in Ihrem Text", "Jeton dans votre texte"),
    ("jwt.issuer", "Issuer", "Emisor", "Aussteller", "Émetteur"),
    ("jwt.audience", "Audience", "Audiencia", "Zielgruppe", "Audience"),
    ("jwt.subject", "Subject", "Sujeto", "Subjekt", "Sujet"),
    ("jwt.scopes", "Scopes", "Ámbitos", "Berechtigungen", "Portées"),
    ("jwt.expiry", "Validity", "Validez", "Gültigkeit", "Validité"),
    ("jwt.issued", "Issued", "Emitido", "Ausgestellt", "Émis"),
    ("jwt.note", "Decoded in your browser; the signature is never shown.", "Decodificado en su navegador; la firma nunca se muestra.", "In Ihrem Browser dekodiert; die Signatur wird nie angezeigt.", "Décodé dans votre navigateur ; la signature n'est jamais affichée."),
    ("priority.low", "Low", "Baja", "Niedrig", "Basse"),
    ("priority.normal", "Normal", "Normal", "Normal", "Normale"),
    ("priority.high", "High", "Alta", "Hoch", "Haute"),
    ("priority.urgent", "Urgent", "Urgente", "Dringend", "Urgente"),
];

const LOCALES: &[&str] = &["en", "es", "de", "fr"];

thread_local! {
    static LOCALE: RefCell<usize> = const { RefCell::new(0) };
    static OVERRIDES: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// Picks the locale from a BCP 47 tag (`de-AT` -> German); unknown tags give English.
pub fn set_locale(tag: &str) {
    let lang = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    let index = LOCALES.iter().position(|l| *l == lang).unwrap_or(0);
    LOCALE.with(|l| *l.borrow_mut() = index);
}

/// The current locale's language code.
pub fn locale() -> &'static str {
    LOCALES[LOCALE.with(|l| *l.borrow())]
}

/// Host translations: key -> text, applied over the built-in table.
pub fn set_translations(map: HashMap<String, String>) {
    OVERRIDES.with(|o| *o.borrow_mut() = map);
}

/// The text for `key` in the current locale.
pub fn t(key: &str) -> String {
    if let Some(text) = OVERRIDES.with(|o| o.borrow().get(key).cloned()) {
        return text;
    }
    let index = LOCALE.with(|l| *l.borrow());
    TABLE
        .iter()
        .find(|row| row.0 == key)
        .map(|row| [row.1, row.2, row.3, row.4][index].to_string())
        .unwrap_or_else(|| key.to_string())
}
