<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
    <context>
        <name>AgeText</name>
        <message>
            <source>%1 s ago</source>
            <translation>vor %1 s</translation>
        </message>
        <message>
            <source>%1 min ago</source>
            <translation>vor %1 min</translation>
        </message>
        <message>
            <source>%1 h ago</source>
            <translation>vor %1 h</translation>
        </message>
        <message>
            <source>%1 d ago</source>
            <translation>vor %1 T</translation>
        </message>
    </context>
    <context>
        <name>QObject</name>
        <message>
            <source>Edit…</source>
            <translation>Bearbeiten…</translation>
        </message>
        <message>
            <source>Delete…</source>
            <translation>Löschen…</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ChannelsAppEditor</name>
        <message>
            <source>Enabled (clients may connect)</source>
            <translation>Aktiv (Clients dürfen sich verbinden)</translation>
        </message>
        <message>
            <source>New Channels app</source>
            <translation>Neue Channels-App</translation>
        </message>
        <message>
            <source>Edit app “%1”</source>
            <translation>App „%1“ bearbeiten</translation>
        </message>
        <message>
            <source>e.g. my-laravel-app</source>
            <translation>z. B. meine-laravel-app</translation>
        </message>
        <message>
            <source>App</source>
            <translation>App</translation>
        </message>
        <message>
            <source>Name:</source>
            <translation>Name:</translation>
        </message>
        <message>
            <source>The id, key and secret are generated when the app is created.</source>
            <translation>ID, Schlüssel und Secret werden beim Anlegen der App erzeugt.</translation>
        </message>
        <message>
            <source>App id:</source>
            <translation>App-ID:</translation>
        </message>
        <message>
            <source>%1 · key %2</source>
            <translation>%1 · Schlüssel %2</translation>
        </message>
        <message>
            <source>Limits</source>
            <translation>Grenzen</translation>
        </message>
        <message>
            <source>unlimited</source>
            <translation>unbegrenzt</translation>
        </message>
        <message>
            <source>Allow client events</source>
            <translation>Client-Events erlauben</translation>
        </message>
        <message>
            <source>client-* events sent by browsers on private and presence channels</source>
            <translation>client-*-Events, die Browser auf privaten und Presence-Kanälen senden</translation>
        </message>
        <message>
            <source> per second</source>
            <translation> pro Sekunde</translation>
        </message>
        <message>
            <source> bytes</source>
            <translation> Bytes</translation>
        </message>
        <message>
            <source> characters</source>
            <translation> Zeichen</translation>
        </message>
        <message>
            <source>Max connections:</source>
            <translation>Max. Verbindungen:</translation>
        </message>
        <message>
            <source>Client events:</source>
            <translation>Client-Events:</translation>
        </message>
        <message>
            <source>Max presence members:</source>
            <translation>Max. Presence-Mitglieder:</translation>
        </message>
        <message>
            <source>Max event size:</source>
            <translation>Max. Eventgröße:</translation>
        </message>
        <message>
            <source>Max channel name:</source>
            <translation>Max. Kanalname:</translation>
        </message>
        <message>
            <source>REST publishes:</source>
            <translation>REST-Veröffentlichungen:</translation>
        </message>
        <message>
            <source>Webhooks</source>
            <translation>Webhooks</translation>
        </message>
        <message>
            <source>https://example.com/pusher/webhook (empty: no webhooks)</source>
            <translation>https://example.com/pusher/webhook (leer: keine Webhooks)</translation>
        </message>
        <message>
            <source>Requests are signed with the app's key and secret (X-Pusher-Key, X-Pusher-Signature), as Pusher's SDKs verify them.</source>
            <translation>Anfragen werden mit Schlüssel und Secret der App signiert (X-Pusher-Key, X-Pusher-Signature), so wie Pushers SDKs sie prüfen.</translation>
        </message>
        <message>
            <source>URL:</source>
            <translation>URL:</translation>
        </message>
        <message>
            <source>Give the app a name.</source>
            <translation>Geben Sie der App einen Namen.</translation>
        </message>
        <message>
            <source>The webhook URL must be an http:// or https:// address.</source>
            <translation>Die Webhook-URL muss eine http://- oder https://-Adresse sein.</translation>
        </message>
        <message>
            <source>Choose at least one webhook event, or clear the URL.</source>
            <translation>Wählen Sie mindestens ein Webhook-Event oder leeren Sie die URL.</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ChannelsAppModel</name>
        <message>
            <source>≤ %1 connections</source>
            <translation>≤ %1 Verbindungen</translation>
        </message>
        <message>
            <source>unlimited connections</source>
            <translation>unbegrenzte Verbindungen</translation>
        </message>
        <message>
            <source>client events %1/s</source>
            <translation>Client-Events %1/s</translation>
        </message>
        <message>
            <source>no client events</source>
            <translation>keine Client-Events</translation>
        </message>
        <message>
            <source>%1 presence members</source>
            <translation>%1 Presence-Mitglieder</translation>
        </message>
        <message>
            <source>events ≤ %1</source>
            <translation>Events ≤ %1</translation>
        </message>
        <message>
            <source>(unnamed)</source>
            <translation>(ohne Namen)</translation>
        </message>
        <message>
            <source>enabled</source>
            <translation>aktiv</translation>
        </message>
        <message>
            <source>disabled</source>
            <translation>deaktiviert</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>App id</source>
            <translation>App-ID</translation>
        </message>
        <message>
            <source>Key</source>
            <translation>Schlüssel</translation>
        </message>
        <message>
            <source>State</source>
            <translation>Zustand</translation>
        </message>
        <message>
            <source>Connections</source>
            <translation>Verbindungen</translation>
        </message>
        <message>
            <source>Limits</source>
            <translation>Grenzen</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ChannelsDebugConsole</name>
        <message>
            <source>Pause</source>
            <translation>Anhalten</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>Leeren</translation>
        </message>
        <message>
            <source>Channel, event or text contains…</source>
            <translation>Kanal, Event oder Text enthält…</translation>
        </message>
        <message>
            <source>Hold new events so the list stands still; they are counted and shown on Resume</source>
            <translation>Neue Events zurückhalten, damit die Liste stillsteht; sie werden gezählt und beim Fortsetzen gezeigt</translation>
        </message>
        <message>
            <source>Clears this view; the service keeps running</source>
            <translation>Leert diese Ansicht; der Dienst läuft weiter</translation>
        </message>
        <message>
            <source>Connections</source>
            <translation>Verbindungen</translation>
        </message>
        <message>
            <source>Subscriptions</source>
            <translation>Abonnements</translation>
        </message>
        <message>
            <source>API messages</source>
            <translation>API-Nachrichten</translation>
        </message>
        <message>
            <source>Client events</source>
            <translation>Client-Events</translation>
        </message>
        <message>
            <source>Errors</source>
            <translation>Fehler</translation>
        </message>
        <message>
            <source>Webhooks</source>
            <translation>Webhooks</translation>
        </message>
        <message>
            <source>Show:</source>
            <translation>Zeigen:</translation>
        </message>
        <message>
            <source>All apps</source>
            <translation>Alle Apps</translation>
        </message>
        <message>
            <source>Resume</source>
            <translation>Fortsetzen</translation>
        </message>
        <message>
            <source>1 new event</source>
            <translation>1 neues Event</translation>
        </message>
        <message>
            <source>%1 new events</source>
            <translation>%1 neue Events</translation>
        </message>
        <message>
            <source>1 event</source>
            <translation>1 Event</translation>
        </message>
        <message>
            <source>%1 events</source>
            <translation>%1 Events</translation>
        </message>
        <message>
            <source>%1 of %2 events</source>
            <translation>%1 von %2 Events</translation>
        </message>
        <message>
            <source>Paused. New events are counted above and appear when you resume.</source>
            <translation>Angehalten. Neue Events werden oben gezählt und erscheinen beim Fortsetzen.</translation>
        </message>
        <message>
            <source>No events yet. Connect a client or send a test event: connections, subscriptions, API messages and client events stream in here live.</source>
            <translation>Noch keine Events. Verbinden Sie einen Client oder senden Sie ein Test-Event: Verbindungen, Abonnements, API-Nachrichten und Client-Events erscheinen hier live.</translation>
        </message>
        <message>
            <source>No events match the filters.</source>
            <translation>Keine Events passen zu den Filtern.</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ChannelsDebugModel</name>
        <message>
            <source>connection</source>
            <translation>Verbindung</translation>
        </message>
        <message>
            <source>disconnection</source>
            <translation>Trennung</translation>
        </message>
        <message>
            <source>subscribed</source>
            <translation>abonniert</translation>
        </message>
        <message>
            <source>unsubscribed</source>
            <translation>abbestellt</translation>
        </message>
        <message>
            <source>api message</source>
            <translation>API-Nachricht</translation>
        </message>
        <message>
            <source>client event</source>
            <translation>Client-Event</translation>
        </message>
        <message>
            <source>error</source>
            <translation>Fehler</translation>
        </message>
        <message>
            <source>webhook</source>
            <translation>Webhook</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Zeit</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Art</translation>
        </message>
        <message>
            <source>App</source>
            <translation>App</translation>
        </message>
        <message>
            <source>Socket</source>
            <translation>Socket</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>Kanal</translation>
        </message>
        <message>
            <source>Event</source>
            <translation>Event</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>Details</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ChannelsDeliveryModel</name>
        <message>
            <source>no answer</source>
            <translation>keine Antwort</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Zeit</translation>
        </message>
        <message>
            <source>App</source>
            <translation>App</translation>
        </message>
        <message>
            <source>URL</source>
            <translation>URL</translation>
        </message>
        <message>
            <source>Events</source>
            <translation>Events</translation>
        </message>
        <message>
            <source>Attempt</source>
            <translation>Versuch</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Error</source>
            <translation>Fehler</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ChannelsMemberModel</name>
        <message>
            <source>User id</source>
            <translation>Benutzer-ID</translation>
        </message>
        <message>
            <source>user_info</source>
            <translation>user_info</translation>
        </message>
        <message>
            <source>Sockets</source>
            <translation>Sockets</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ChannelsOccupiedModel</name>
        <message>
            <source>none yet</source>
            <translation>noch keine</translation>
        </message>
        <message>
            <source>%1 · %2</source>
            <translation>%1 · %2</translation>
        </message>
        <message>
            <source>App</source>
            <translation>App</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>Kanal</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Typ</translation>
        </message>
        <message>
            <source>Subscriptions</source>
            <translation>Abonnements</translation>
        </message>
        <message>
            <source>Users</source>
            <translation>Benutzer</translation>
        </message>
        <message>
            <source>Last event</source>
            <translation>Letztes Event</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ChannelsPage</name>
        <message>
            <source>Overview</source>
            <translation>Übersicht</translation>
        </message>
        <message>
            <source>Apps</source>
            <translation>Apps</translation>
        </message>
        <message>
            <source>Channels</source>
            <translation>Kanäle</translation>
        </message>
        <message>
            <source>Debug console</source>
            <translation>Debug-Konsole</translation>
        </message>
        <message>
            <source>Webhooks</source>
            <translation>Webhooks</translation>
        </message>
        <message>
            <source>Connections</source>
            <translation>Verbindungen</translation>
        </message>
        <message>
            <source>Occupied channels</source>
            <translation>Belegte Kanäle</translation>
        </message>
        <message>
            <source>Presence members</source>
            <translation>Presence-Mitglieder</translation>
        </message>
        <message>
            <source>Messages sent</source>
            <translation>Gesendete Nachrichten</translation>
        </message>
        <message>
            <source>Messages received</source>
            <translation>Empfangene Nachrichten</translation>
        </message>
        <message>
            <source>Connections, %1</source>
            <translation>Verbindungen, %1</translation>
        </message>
        <message>
            <source>connections</source>
            <translation>Verbindungen</translation>
        </message>
        <message>
            <source>Messages per second, %1</source>
            <translation>Nachrichten pro Sekunde, %1</translation>
        </message>
        <message>
            <source>messages / s</source>
            <translation>Nachrichten / s</translation>
        </message>
        <message>
            <source>New app…</source>
            <translation>Neue App…</translation>
        </message>
        <message>
            <source>App id</source>
            <translation>App-ID</translation>
        </message>
        <message>
            <source>Key</source>
            <translation>Schlüssel</translation>
        </message>
        <message>
            <source>Secret</source>
            <translation>Secret</translation>
        </message>
        <message>
            <source>Limits</source>
            <translation>Grenzen</translation>
        </message>
        <message>
            <source>Webhook</source>
            <translation>Webhook</translation>
        </message>
        <message>
            <source>Reveal</source>
            <translation>Anzeigen</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>Kopieren</translation>
        </message>
        <message>
            <source>No apps yet</source>
            <translation>Noch keine Apps</translation>
        </message>
        <message>
            <source>An app has an id, a key and a secret that your server SDK and browser clients use. Create one to connect your first client.</source>
            <translation>Eine App hat eine ID, einen Schlüssel und ein Secret, die Ihr Server-SDK und Ihre Browser-Clients verwenden. Legen Sie eine an, um den ersten Client zu verbinden.</translation>
        </message>
        <message>
            <source>Select an app to see its credentials</source>
            <translation>Wählen Sie eine App, um ihre Zugangsdaten zu sehen</translation>
        </message>
        <message>
            <source>Credentials of “%1”</source>
            <translation>Zugangsdaten von „%1“</translation>
        </message>
        <message>
            <source>Credentials of “%1” (disabled: clients are refused)</source>
            <translation>Zugangsdaten von „%1“ (deaktiviert: Clients werden abgewiesen)</translation>
        </message>
        <message>
            <source>Hide</source>
            <translation>Verbergen</translation>
        </message>
        <message>
            <source>none</source>
            <translation>keine</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>no events</source>
            <translation>keine Events</translation>
        </message>
        <message>
            <source>Secret copied to the clipboard.</source>
            <translation>Secret in die Zwischenablage kopiert.</translation>
        </message>
        <message>
            <source>Copied, with the real secret.</source>
            <translation>Kopiert, mit dem echten Secret.</translation>
        </message>
        <message>
            <source>Creating “%1”…</source>
            <translation>„%1“ wird angelegt…</translation>
        </message>
        <message>
            <source>Saved “%1”.</source>
            <translation>„%1“ gespeichert.</translation>
        </message>
        <message>
            <source>new-app</source>
            <translation>neue-app</translation>
        </message>
        <message>
            <source>Delete the app “%1” (id %2)? Clients using its key can no longer connect, and its key and secret are gone for good.</source>
            <translation>Die App „%1“ (ID %2) löschen? Clients mit ihrem Schlüssel können sich nicht mehr verbinden, und Schlüssel und Secret sind endgültig weg.</translation>
        </message>
        <message>
            <source>1 open connection will be closed.</source>
            <translation>1 offene Verbindung wird geschlossen.</translation>
        </message>
        <message>
            <source>%1 open connections will be closed.</source>
            <translation>%1 offene Verbindungen werden geschlossen.</translation>
        </message>
        <message>
            <source>Delete app</source>
            <translation>App löschen</translation>
        </message>
        <message>
            <source>Deleting “%1”…</source>
            <translation>„%1“ wird gelöscht…</translation>
        </message>
        <message>
            <source>Filter by app or channel name…</source>
            <translation>Nach App- oder Kanalname filtern…</translation>
        </message>
        <message>
            <source>No channel matches the filter.</source>
            <translation>Kein Kanal passt zum Filter.</translation>
        </message>
        <message>
            <source>Select a presence channel to see who is in it.</source>
            <translation>Wählen Sie einen Presence-Kanal, um zu sehen, wer darin ist.</translation>
        </message>
        <message>
            <source>No occupied channels</source>
            <translation>Keine belegten Kanäle</translation>
        </message>
        <message>
            <source>A channel appears here while at least one client is subscribed to it, with its subscribers, presence members and last event.</source>
            <translation>Ein Kanal erscheint hier, solange mindestens ein Client ihn abonniert hat, mit Abonnenten, Presence-Mitgliedern und letztem Event.</translation>
        </message>
        <message>
            <source>Connect a client…</source>
            <translation>Einen Client verbinden…</translation>
        </message>
        <message>
            <source>“%1” is a %2 channel; only presence channels have members.</source>
            <translation>„%1“ ist ein %2-Kanal; nur Presence-Kanäle haben Mitglieder.</translation>
        </message>
        <message>
            <source>Members of %1</source>
            <translation>Mitglieder von %1</translation>
        </message>
        <message>
            <source>Nobody is in this channel right now.</source>
            <translation>Gerade ist niemand in diesem Kanal.</translation>
        </message>
        <message>
            <source>Send a test event</source>
            <translation>Test-Event senden</translation>
        </message>
        <message>
            <source>Published like a server SDK's trigger(), to every subscriber of the channel.</source>
            <translation>Veröffentlicht wie trigger() eines Server-SDKs, an jeden Abonnenten des Kanals.</translation>
        </message>
        <message>
            <source>No webhook deliveries yet</source>
            <translation>Noch keine Webhook-Zustellungen</translation>
        </message>
        <message>
            <source>Give an app a webhook URL and choose its events (Apps → Edit). Each batch sent, and every retry, is listed here with its status.</source>
            <translation>Geben Sie einer App eine Webhook-URL und wählen Sie ihre Events (Apps → Bearbeiten). Jeder gesendete Stapel und jede Wiederholung steht hier mit ihrem Status.</translation>
        </message>
        <message>
            <source>%1 → %2 (%3)</source>
            <translation>%1 → %2 (%3)</translation>
        </message>
        <message>
            <source>No app has a webhook yet. Set one in Apps → Edit.</source>
            <translation>Noch keine App hat einen Webhook. Legen Sie ihn unter Apps → Bearbeiten fest.</translation>
        </message>
        <message>
            <source>Webhooks (change them in Apps → Edit):</source>
            <translation>Webhooks (ändern unter Apps → Bearbeiten):</translation>
        </message>
        <message>
            <source>1 delivery</source>
            <translation>1 Zustellung</translation>
        </message>
        <message>
            <source>%1 deliveries</source>
            <translation>%1 Zustellungen</translation>
        </message>
        <message>
            <source>%1, %2 failed</source>
            <translation>%1, %2 fehlgeschlagen</translation>
        </message>
        <message>
            <source>Shared through Redis %1 with %2 nodes: the counts below are the cluster's (this node: %3).</source>
            <translation>Über Redis %1 mit %2 Knoten geteilt: Die Zahlen unten gelten für den Cluster (dieser Knoten: %3).</translation>
        </message>
        <message>
            <source>Redis %1 is unreachable (%2); this node serves its own clients alone and reconnects.</source>
            <translation>Redis %1 ist nicht erreichbar (%2); dieser Knoten bedient seine eigenen Clients allein und verbindet sich neu.</translation>
        </message>
        <message>
            <source>no answer yet</source>
            <translation>noch keine Antwort</translation>
        </message>
        <message>
            <source>%1 now on %2 nodes</source>
            <translation>%1 jetzt auf %2 Knoten</translation>
        </message>
        <message>
            <source>%1 now</source>
            <translation>%1 jetzt</translation>
        </message>
        <message>
            <source>%1 messages/s now</source>
            <translation>%1 Nachrichten/s jetzt</translation>
        </message>
        <message>
            <source>The channels service is not connected to this console.</source>
            <translation>Der Channels-Dienst ist nicht mit dieser Konsole verbunden.</translation>
        </message>
        <message>
            <source>Channels failed to start: %1. The tables show its last known state.</source>
            <translation>Channels ließ sich nicht starten: %1. Die Tabellen zeigen den letzten bekannten Stand.</translation>
        </message>
        <message>
            <source>Channels is %1. The tables show its last known state; changes are applied once it runs.</source>
            <translation>Channels ist %1. Die Tabellen zeigen den letzten bekannten Stand; Änderungen gelten, sobald er läuft.</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ChannelsSnippets</name>
        <message>
            <source>Laravel .env</source>
            <translation>Laravel .env</translation>
        </message>
        <message>
            <source>pusher-js</source>
            <translation>pusher-js</translation>
        </message>
        <message>
            <source>Node server</source>
            <translation>Node-Server</translation>
        </message>
        <message>
            <source>Python server</source>
            <translation>Python-Server</translation>
        </message>
        <message>
            <source>Shell</source>
            <translation>Shell</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ChannelsTestEventForm</name>
        <message>
            <source>Send event</source>
            <translation>Event senden</translation>
        </message>
        <message>
            <source>my-channel, private-orders, presence-room…</source>
            <translation>mein-kanal, private-orders, presence-room…</translation>
        </message>
        <message>
            <source>my-event</source>
            <translation>mein-event</translation>
        </message>
        <message>
            <source>App:</source>
            <translation>App:</translation>
        </message>
        <message>
            <source>Channel:</source>
            <translation>Kanal:</translation>
        </message>
        <message>
            <source>Event:</source>
            <translation>Event:</translation>
        </message>
        <message>
            <source>Data (JSON):</source>
            <translation>Daten (JSON):</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>(unnamed)</source>
            <translation>(ohne Namen)</translation>
        </message>
        <message>
            <source>No apps</source>
            <translation>Keine Apps</translation>
        </message>
        <message>
            <source>expected exactly one JSON value</source>
            <translation>genau ein JSON-Wert erwartet</translation>
        </message>
        <message>
            <source>%1 at character %2</source>
            <translation>%1 bei Zeichen %2</translation>
        </message>
        <message>
            <source>Choose an app.</source>
            <translation>Wählen Sie eine App.</translation>
        </message>
        <message>
            <source>Enter a channel name.</source>
            <translation>Geben Sie einen Kanalnamen ein.</translation>
        </message>
        <message>
            <source>Channel names may only contain letters, digits and _ - = @ , . ;</source>
            <translation>Kanalnamen dürfen nur Buchstaben, Ziffern und _ - = @ , . ; enthalten</translation>
        </message>
        <message>
            <source>The channel name is longer than this app allows (%1 characters).</source>
            <translation>Der Kanalname ist länger, als diese App erlaubt (%1 Zeichen).</translation>
        </message>
        <message>
            <source>Enter an event name.</source>
            <translation>Geben Sie einen Eventnamen ein.</translation>
        </message>
        <message>
            <source>Event names are at most %1 characters.</source>
            <translation>Eventnamen haben höchstens %1 Zeichen.</translation>
        </message>
        <message>
            <source>Event names starting with “pusher:” are reserved for the protocol.</source>
            <translation>Eventnamen, die mit „pusher:“ beginnen, sind dem Protokoll vorbehalten.</translation>
        </message>
        <message>
            <source>Enter the data as JSON, e.g. {"message": "hello"}.</source>
            <translation>Geben Sie die Daten als JSON ein, z. B. {"message": "hello"}.</translation>
        </message>
        <message>
            <source>The data is not valid JSON: %1.</source>
            <translation>Die Daten sind kein gültiges JSON: %1.</translation>
        </message>
        <message>
            <source>The data is larger than this app allows (%1 bytes).</source>
            <translation>Die Daten sind größer, als diese App erlaubt (%1 Bytes).</translation>
        </message>
        <message>
            <source>Sent “%1” to %2 at %3. Watch it arrive in the debug console.</source>
            <translation>„%1“ an %2 um %3 gesendet. In der Debug-Konsole sehen Sie es ankommen.</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ChartRangeBox</name>
        <message>
            <source>5 min</source>
            <translation>5 min</translation>
        </message>
        <message>
            <source>1 h</source>
            <translation>1 h</translation>
        </message>
        <message>
            <source>24 h</source>
            <translation>24 h</translation>
        </message>
        <message>
            <source>Time range of the chart</source>
            <translation>Zeitraum des Diagramms</translation>
        </message>
        <message>
            <source>last hour</source>
            <translation>letzte Stunde</translation>
        </message>
        <message>
            <source>last 24 hours</source>
            <translation>letzte 24 Stunden</translation>
        </message>
        <message>
            <source>last 5 minutes</source>
            <translation>letzte 5 Minuten</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ClusterNodesPanel</name>
        <message>
            <source>Cluster</source>
            <translation>Cluster</translation>
        </message>
        <message>
            <source>Channels apps: PostgreSQL %1 connected</source>
            <translation>Channels-Apps: PostgreSQL %1 verbunden</translation>
        </message>
        <message>
            <source>Channels apps: PostgreSQL %1 unreachable (%2); reconnecting. The apps last read stay in use.</source>
            <translation>Channels-Apps: PostgreSQL %1 nicht erreichbar (%2); verbinde neu. Die zuletzt gelesenen Apps bleiben in Gebrauch.</translation>
        </message>
        <message>
            <source>Errors: PostgreSQL %1 connected</source>
            <translation>Errors: PostgreSQL %1 verbunden</translation>
        </message>
        <message>
            <source>Errors: PostgreSQL %1 unreachable (%2); reconnecting. Events are refused with 503 until it is back.</source>
            <translation>Errors: PostgreSQL %1 nicht erreichbar (%2); verbinde neu. Events werden mit 503 abgewiesen, bis sie wieder da ist.</translation>
        </message>
        <message>
            <source>Node</source>
            <translation>Node</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>Adresse</translation>
        </message>
        <message>
            <source>Connections</source>
            <translation>Verbindungen</translation>
        </message>
        <message>
            <source>Last heartbeat</source>
            <translation>Letzter Herzschlag</translation>
        </message>
        <message>
            <source>State</source>
            <translation>Zustand</translation>
        </message>
        <message>
            <source>Redis %1 connected · %2 nodes, %3 connections · this node is %4</source>
            <translation>Redis %1 verbunden · %2 Knoten, %3 Verbindungen · dieser Knoten ist %4</translation>
        </message>
        <message>
            <source>Redis %1 unreachable (%2); reconnecting. This node serves its own clients alone meanwhile.</source>
            <translation>Redis %1 nicht erreichbar (%2); neue Verbindung läuft. Dieser Knoten bedient solange seine eigenen Clients allein.</translation>
        </message>
        <message>
            <source>no answer yet</source>
            <translation>noch keine Antwort</translation>
        </message>
        <message>
            <source>no heartbeat (members being removed)</source>
            <translation>kein Herzschlag (Mitglieder werden entfernt)</translation>
        </message>
        <message>
            <source>this node</source>
            <translation>dieser Knoten</translation>
        </message>
        <message>
            <source>up</source>
            <translation>aktiv</translation>
        </message>
        <message>
            <source>not yet</source>
            <translation>noch nicht</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ConnectDialog</name>
        <message>
            <source>Copy</source>
            <translation>Kopieren</translation>
        </message>
        <message>
            <source>Connect to %1</source>
            <translation>Mit %1 verbinden</translation>
        </message>
        <message>
            <source>Homeport %1 speaks the %2. Point your app's %3 client at it with these settings; the keys were generated for this installation.</source>
            <translation>Homeport %1 spricht das %2. Richten Sie den %3-Client Ihrer App mit diesen Einstellungen darauf; die Schlüssel wurden für diese Installation erzeugt.</translation>
        </message>
        <message>
            <source>%1 is not running (%2). Start it before your app connects.</source>
            <translation>%1 läuft nicht (%2). Starten Sie ihn, bevor Ihre App sich verbindet.</translation>
        </message>
        <message>
            <source>%1 is %2. Start it before your app connects.</source>
            <translation>%1 ist %2. Starten Sie ihn, bevor Ihre App sich verbindet.</translation>
        </message>
        <message>
            <source>Paste into your Laravel app's .env file, then run “php artisan config:clear”.</source>
            <translation>In die .env-Datei Ihrer Laravel-App einfügen, dann „php artisan config:clear“ ausführen.</translation>
        </message>
        <message>
            <source>Paste into the Node.js module that creates the client.</source>
            <translation>In das Node.js-Modul einfügen, das den Client erzeugt.</translation>
        </message>
        <message>
            <source>Paste into the Python module that creates the client.</source>
            <translation>In das Python-Modul einfügen, das den Client erzeugt.</translation>
        </message>
        <message>
            <source>Paste into a shell (or your ~/.profile) before running scripts and command-line tools.</source>
            <translation>In eine Shell (oder Ihre ~/.profile) einfügen, bevor Sie Skripte und Kommandozeilenwerkzeuge starten.</translation>
        </message>
        <message>
            <source>Laravel .env</source>
            <translation>Laravel .env</translation>
        </message>
        <message>
            <source>Node</source>
            <translation>Node</translation>
        </message>
        <message>
            <source>Python</source>
            <translation>Python</translation>
        </message>
        <message>
            <source>Shell</source>
            <translation>Shell</translation>
        </message>
        <message>
            <source>No client settings are known for this service.</source>
            <translation>Für diesen Dienst sind keine Client-Einstellungen bekannt.</translation>
        </message>
        <message>
            <source>Copied to the clipboard.</source>
            <translation>In die Zwischenablage kopiert.</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::CounterModel</name>
        <message>
            <source>Counter</source>
            <translation>Zähler</translation>
        </message>
        <message>
            <source>Labels</source>
            <translation>Labels</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>Wert</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::EditorDialog</name>
        <message>
            <source>Create</source>
            <translation>Anlegen</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Speichern</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ErrorsBarChart</name>
        <message>
            <source>%1 %2</source>
            <translation>%1 %2</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ErrorsEventFormatter</name>
        <message>
            <source> line %1</source>
            <translation> Zeile %1</translation>
        </message>
        <message>
            <source>, column %1</source>
            <translation>, Spalte %1</translation>
        </message>
        <message>
            <source>in app</source>
            <translation>in der App</translation>
        </message>
        <message>
            <source>in</source>
            <translation>in</translation>
        </message>
        <message>
            <source>, handled</source>
            <translation>, behandelt</translation>
        </message>
        <message>
            <source>, unhandled</source>
            <translation>, unbehandelt</translation>
        </message>
        <message>
            <source>This event has no stack trace.</source>
            <translation>Dieses Event hat keinen Stacktrace.</translation>
        </message>
        <message>
            <source>which was caused by:</source>
            <translation>verursacht durch:</translation>
        </message>
        <message>
            <source>Message</source>
            <translation>Nachricht</translation>
        </message>
        <message>
            <source>Exception</source>
            <translation>Ausnahme</translation>
        </message>
        <message>
            <source>mechanism: %1</source>
            <translation>Mechanismus: %1</translation>
        </message>
        <message>
            <source>No stack trace was sent with this exception.</source>
            <translation>Mit dieser Ausnahme wurde kein Stacktrace gesendet.</translation>
        </message>
        <message>
            <source>Most recent call first</source>
            <translation>Jüngster Aufruf zuerst</translation>
        </message>
        <message>
            <source>▸ 1 library frame hidden, show</source>
            <translation>▸ 1 Bibliotheks-Frame ausgeblendet, zeigen</translation>
        </message>
        <message>
            <source>▸ %1 library frames hidden, show</source>
            <translation>▸ %1 Bibliotheks-Frames ausgeblendet, zeigen</translation>
        </message>
        <message>
            <source>▾ Hide library frames</source>
            <translation>▾ Bibliotheks-Frames ausblenden</translation>
        </message>
        <message>
            <source>Event</source>
            <translation>Event</translation>
        </message>
        <message>
            <source>event id</source>
            <translation>Event-ID</translation>
        </message>
        <message>
            <source>time</source>
            <translation>Zeit</translation>
        </message>
        <message>
            <source>level</source>
            <translation>Stufe</translation>
        </message>
        <message>
            <source>platform</source>
            <translation>Plattform</translation>
        </message>
        <message>
            <source>release</source>
            <translation>Release</translation>
        </message>
        <message>
            <source>dist</source>
            <translation>Dist</translation>
        </message>
        <message>
            <source>environment</source>
            <translation>Umgebung</translation>
        </message>
        <message>
            <source>server</source>
            <translation>Server</translation>
        </message>
        <message>
            <source>transaction</source>
            <translation>Transaktion</translation>
        </message>
        <message>
            <source>logger</source>
            <translation>Logger</translation>
        </message>
        <message>
            <source>User</source>
            <translation>Benutzer</translation>
        </message>
        <message>
            <source>request</source>
            <translation>Anfrage</translation>
        </message>
        <message>
            <source>query</source>
            <translation>Query</translation>
        </message>
        <message>
            <source>data</source>
            <translation>Daten</translation>
        </message>
        <message>
            <source>Request</source>
            <translation>Anfrage</translation>
        </message>
        <message>
            <source>Tags</source>
            <translation>Tags</translation>
        </message>
        <message>
            <source>Context: %1</source>
            <translation>Kontext: %1</translation>
        </message>
        <message>
            <source>sdk</source>
            <translation>SDK</translation>
        </message>
        <message>
            <source>integrations</source>
            <translation>Integrationen</translation>
        </message>
        <message>
            <source>SDK</source>
            <translation>SDK</translation>
        </message>
        <message>
            <source>Extra</source>
            <translation>Extra</translation>
        </message>
        <message>
            <source>This event carries no context.</source>
            <translation>Dieses Event trägt keinen Kontext.</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ErrorsIssueModel</name>
        <message>
            <source>unresolved</source>
            <translation>offen</translation>
        </message>
        <message>
            <source>resolved</source>
            <translation>erledigt</translation>
        </message>
        <message>
            <source>ignored</source>
            <translation>ignoriert</translation>
        </message>
        <message>
            <source>%1 events in the last 24 hours</source>
            <translation>%1 Events in den letzten 24 Stunden</translation>
        </message>
        <message>
            <source>Sorted by the errors service across every matching issue</source>
            <translation>Vom Errors-Dienst über alle passenden Issues sortiert</translation>
        </message>
        <message>
            <source>Issue</source>
            <translation>Issue</translation>
        </message>
        <message>
            <source>Culprit</source>
            <translation>Verursacher</translation>
        </message>
        <message>
            <source>Level</source>
            <translation>Stufe</translation>
        </message>
        <message>
            <source>Events</source>
            <translation>Events</translation>
        </message>
        <message>
            <source>Users</source>
            <translation>Benutzer</translation>
        </message>
        <message>
            <source>Last 24 h</source>
            <translation>Letzte 24 h</translation>
        </message>
        <message>
            <source>First seen</source>
            <translation>Zuerst gesehen</translation>
        </message>
        <message>
            <source>Last seen</source>
            <translation>Zuletzt gesehen</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ErrorsIssueView</name>
        <message>
            <source>Select an issue to see its events.</source>
            <translation>Wählen Sie ein Issue, um seine Events zu sehen.</translation>
        </message>
        <message>
            <source>Resolve</source>
            <translation>Erledigen</translation>
        </message>
        <message>
            <source>Mark as fixed. A new event reopens it as a regression.</source>
            <translation>Als behoben markieren. Ein neues Event öffnet es als Regression wieder.</translation>
        </message>
        <message>
            <source>Ignore</source>
            <translation>Ignorieren</translation>
        </message>
        <message>
            <source>Hide it from the unresolved list; new events do not bring it back.</source>
            <translation>Aus der Liste offener Issues ausblenden; neue Events holen es nicht zurück.</translation>
        </message>
        <message>
            <source>Reopen</source>
            <translation>Wieder öffnen</translation>
        </message>
        <message>
            <source>Mark as unresolved again.</source>
            <translation>Wieder als offen markieren.</translation>
        </message>
        <message>
            <source>events</source>
            <translation>Events</translation>
        </message>
        <message>
            <source>‹ Previous</source>
            <translation>‹ Vorheriges</translation>
        </message>
        <message>
            <source>The event before this one</source>
            <translation>Das Event vor diesem</translation>
        </message>
        <message>
            <source>Next ›</source>
            <translation>Nächstes ›</translation>
        </message>
        <message>
            <source>The event after this one</source>
            <translation>Das Event nach diesem</translation>
        </message>
        <message>
            <source>Latest</source>
            <translation>Neuestes</translation>
        </message>
        <message>
            <source>Stack trace</source>
            <translation>Stacktrace</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Zeit</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Kategorie</translation>
        </message>
        <message>
            <source>Level</source>
            <translation>Stufe</translation>
        </message>
        <message>
            <source>Message</source>
            <translation>Nachricht</translation>
        </message>
        <message>
            <source>This event has no breadcrumbs. SDKs record them (console output, HTTP requests, navigation) before an error and send them with it.</source>
            <translation>Dieses Event hat keine Breadcrumbs. SDKs zeichnen sie vor einem Fehler auf (Konsolenausgabe, HTTP-Anfragen, Navigation) und senden sie mit.</translation>
        </message>
        <message>
            <source>Breadcrumbs</source>
            <translation>Breadcrumbs</translation>
        </message>
        <message>
            <source>No tags on this issue's events.</source>
            <translation>Keine Tags an den Events dieses Issues.</translation>
        </message>
        <message>
            <source>The most frequent values of each tag across this issue's events.</source>
            <translation>Die häufigsten Werte jedes Tags über die Events dieses Issues.</translation>
        </message>
        <message>
            <source>Tags</source>
            <translation>Tags</translation>
        </message>
        <message>
            <source>Context</source>
            <translation>Kontext</translation>
        </message>
        <message>
            <source>(no title)</source>
            <translation>(ohne Titel)</translation>
        </message>
        <message>
            <source>error</source>
            <translation>Fehler</translation>
        </message>
        <message>
            <source>1 event</source>
            <translation>1 Event</translation>
        </message>
        <message>
            <source>%1 events</source>
            <translation>%1 Events</translation>
        </message>
        <message>
            <source>1 user</source>
            <translation>1 Benutzer</translation>
        </message>
        <message>
            <source>%1 users</source>
            <translation>%1 Benutzer</translation>
        </message>
        <message>
            <source>first seen %1</source>
            <translation>zuerst gesehen %1</translation>
        </message>
        <message>
            <source>last seen %1</source>
            <translation>zuletzt gesehen %1</translation>
        </message>
        <message>
            <source>Grouped by %1</source>
            <translation>Gruppiert nach %1</translation>
        </message>
        <message>
            <source>30 d ago</source>
            <translation>vor 30 T</translation>
        </message>
        <message>
            <source>today</source>
            <translation>heute</translation>
        </message>
        <message>
            <source>Last 30 days: %1 events</source>
            <translation>Letzte 30 Tage: %1 Events</translation>
        </message>
        <message>
            <source>Tags (%1)</source>
            <translation>Tags (%1)</translation>
        </message>
        <message>
            <source>Event %1</source>
            <translation>Event %1</translation>
        </message>
        <message>
            <source>release %1</source>
            <translation>Release %1</translation>
        </message>
        <message>
            <source>No event stored for this issue</source>
            <translation>Für dieses Issue ist kein Event gespeichert</translation>
        </message>
        <message>
            <source>The event is no longer stored.</source>
            <translation>Das Event ist nicht mehr gespeichert.</translation>
        </message>
        <message>
            <source>Breadcrumbs (%1)</source>
            <translation>Breadcrumbs (%1)</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ErrorsPage</name>
        <message>
            <source>Overview</source>
            <translation>Übersicht</translation>
        </message>
        <message>
            <source>Issues</source>
            <translation>Issues</translation>
        </message>
        <message>
            <source>Projects</source>
            <translation>Projekte</translation>
        </message>
        <message>
            <source>Unresolved</source>
            <translation>Offen</translation>
        </message>
        <message>
            <source>Events accepted</source>
            <translation>Angenommene Events</translation>
        </message>
        <message>
            <source>Rejected</source>
            <translation>Abgewiesen</translation>
        </message>
        <message>
            <source>Rate-limited</source>
            <translation>Gedrosselt</translation>
        </message>
        <message>
            <source>Refused: wrong key, malformed or too large</source>
            <translation>Abgewiesen: falscher Schlüssel, fehlerhaft oder zu groß</translation>
        </message>
        <message>
            <source>Answered 429 because a project's rate limit was reached</source>
            <translation>Mit 429 beantwortet, weil die Ratengrenze eines Projekts erreicht war</translation>
        </message>
        <message>
            <source>Events per minute, last 60 minutes, all projects</source>
            <translation>Events pro Minute, letzte 60 Minuten, alle Projekte</translation>
        </message>
        <message>
            <source>events / min</source>
            <translation>Events / min</translation>
        </message>
        <message>
            <source>Events stored after authentication and rate limiting. The console keeps the minutes it has seen since it started.</source>
            <translation>Nach Authentifizierung und Ratengrenze gespeicherte Events. Die Konsole behält die Minuten, die sie seit ihrem Start gesehen hat.</translation>
        </message>
        <message>
            <source>60 min ago</source>
            <translation>vor 60 min</translation>
        </message>
        <message>
            <source>30 min ago</source>
            <translation>vor 30 min</translation>
        </message>
        <message>
            <source>now</source>
            <translation>jetzt</translation>
        </message>
        <message>
            <source>%1 this minute · %2 in the last hour</source>
            <translation>%1 in dieser Minute · %2 in der letzten Stunde</translation>
        </message>
        <message>
            <source>Search: is:unresolved level:error browser:Chrome free text…</source>
            <translation>Suche: is:unresolved level:error browser:Chrome freier Text…</translation>
        </message>
        <message>
            <source>is:unresolved, is:resolved or is:ignored · level:error · any tag as key:value · other words search titles and culprits</source>
            <translation>is:unresolved, is:resolved oder is:ignored · level:error · jedes Tag als key:value · andere Wörter durchsuchen Titel und Verursacher</translation>
        </message>
        <message>
            <source>All projects</source>
            <translation>Alle Projekte</translation>
        </message>
        <message>
            <source>A project has a DSN that your app's Sentry SDK sends its errors to. Create one, then point the SDK at it.</source>
            <translation>Ein Projekt hat einen DSN, an den das Sentry-SDK Ihrer App seine Fehler sendet. Legen Sie eines an und richten Sie das SDK darauf.</translation>
        </message>
        <message>
            <source>No unresolved issues</source>
            <translation>Keine offenen Issues</translation>
        </message>
        <message>
            <source>Errors your apps send with a project's DSN are grouped into issues here. Resolved and ignored issues are found with is:resolved or is:ignored.</source>
            <translation>Fehler, die Ihre Apps mit dem DSN eines Projekts senden, werden hier zu Issues gruppiert. Erledigte und ignorierte Issues finden Sie mit is:resolved oder is:ignored.</translation>
        </message>
        <message>
            <source>Show the DSN…</source>
            <translation>DSN anzeigen…</translation>
        </message>
        <message>
            <source>Select an issue to see its events.</source>
            <translation>Wählen Sie ein Issue, um seine Events zu sehen.</translation>
        </message>
        <message>
            <source>Loading the issue…</source>
            <translation>Das Issue wird geladen…</translation>
        </message>
        <message>
            <source>This issue no longer exists: it was deleted or its events passed the project's retention.</source>
            <translation>Dieses Issue existiert nicht mehr: Es wurde gelöscht, oder seine Events haben die Aufbewahrungsfrist des Projekts überschritten.</translation>
        </message>
        <message>
            <source>The errors service is not connected to this console.</source>
            <translation>Der Errors-Dienst ist nicht mit dieser Konsole verbunden.</translation>
        </message>
        <message>
            <source>Loading issues…</source>
            <translation>Issues werden geladen…</translation>
        </message>
        <message>
            <source>No issue matches “%1”.</source>
            <translation>Kein Issue passt zu „%1“.</translation>
        </message>
        <message>
            <source>(everything)</source>
            <translation>(alles)</translation>
        </message>
        <message>
            <source>1 issue</source>
            <translation>1 Issue</translation>
        </message>
        <message>
            <source>first %1 issues</source>
            <translation>erste %1 Issues</translation>
        </message>
        <message>
            <source>%1 issues</source>
            <translation>%1 Issues</translation>
        </message>
        <message>
            <source>New project…</source>
            <translation>Neues Projekt…</translation>
        </message>
        <message>
            <source>DSN</source>
            <translation>DSN</translation>
        </message>
        <message>
            <source>Keys</source>
            <translation>Schlüssel</translation>
        </message>
        <message>
            <source>Limits</source>
            <translation>Grenzen</translation>
        </message>
        <message>
            <source>Alerts</source>
            <translation>Alarme</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>Kopieren</translation>
        </message>
        <message>
            <source>Each project has a numeric id and a DSN key; an app's Sentry SDK sends its errors to http://KEY@host:port/ID. Create one to get its DSN.</source>
            <translation>Jedes Projekt hat eine numerische ID und einen DSN-Schlüssel; das Sentry-SDK einer App sendet seine Fehler an http://KEY@host:port/ID. Legen Sie eines an, um seinen DSN zu erhalten.</translation>
        </message>
        <message>
            <source>No projects yet</source>
            <translation>Noch keine Projekte</translation>
        </message>
        <message>
            <source>Select a project to see its DSN</source>
            <translation>Wählen Sie ein Projekt, um seinen DSN zu sehen</translation>
        </message>
        <message>
            <source>Project “%1”</source>
            <translation>Projekt „%1“</translation>
        </message>
        <message>
            <source>Project “%1” (%2)</source>
            <translation>Projekt „%1“ (%2)</translation>
        </message>
        <message>
            <source>no key: edit the project to get one</source>
            <translation>kein Schlüssel: bearbeiten Sie das Projekt, um einen zu erhalten</translation>
        </message>
        <message>
            <source>%1 · keeps %2</source>
            <translation>%1 · behält %2</translation>
        </message>
        <message>
            <source>none</source>
            <translation>keine</translation>
        </message>
        <message>
            <source>%1 (Slack format)</source>
            <translation>%1 (Slack-Format)</translation>
        </message>
        <message>
            <source>%1 (JSON)</source>
            <translation>%1 (JSON)</translation>
        </message>
        <message>
            <source>DSN copied to the clipboard.</source>
            <translation>DSN in die Zwischenablage kopiert.</translation>
        </message>
        <message>
            <source>Copied.</source>
            <translation>Kopiert.</translation>
        </message>
        <message>
            <source>Creating “%1”…</source>
            <translation>„%1“ wird angelegt…</translation>
        </message>
        <message>
            <source>Saved “%1”.</source>
            <translation>„%1“ gespeichert.</translation>
        </message>
        <message>
            <source>new-project</source>
            <translation>neues-projekt</translation>
        </message>
        <message>
            <source>Delete the project “%1” (id %2) with all its issues and events? SDKs using its DSN are refused from then on.</source>
            <translation>Das Projekt „%1“ (ID %2) mit allen Issues und Events löschen? SDKs mit seinem DSN werden danach abgewiesen.</translation>
        </message>
        <message>
            <source>Delete project</source>
            <translation>Projekt löschen</translation>
        </message>
        <message>
            <source>Deleting “%1”…</source>
            <translation>„%1“ wird gelöscht…</translation>
        </message>
        <message>
            <source>Errors failed to start: %1. The tables show its last known state.</source>
            <translation>Errors ließ sich nicht starten: %1. Die Tabellen zeigen den letzten bekannten Stand.</translation>
        </message>
        <message>
            <source>Errors is %1. Issues load once it runs; changes are applied then.</source>
            <translation>Errors ist %1. Issues werden geladen, sobald er läuft; Änderungen gelten dann.</translation>
        </message>
        <message>
            <source>Events per 10 seconds, last 5 minutes, all projects</source>
            <translation>Events pro 10 Sekunden, letzte 5 Minuten, alle Projekte</translation>
        </message>
        <message>
            <source>events / 10 s</source>
            <translation>Events / 10 s</translation>
        </message>
        <message>
            <source>5 min ago</source>
            <translation>vor 5 min</translation>
        </message>
        <message>
            <source>2.5 min ago</source>
            <translation>vor 2,5 min</translation>
        </message>
        <message>
            <source>Events per 15 minutes, last 24 hours, all projects</source>
            <translation>Events pro 15 Minuten, letzte 24 Stunden, alle Projekte</translation>
        </message>
        <message>
            <source>events / 15 min</source>
            <translation>Events / 15 min</translation>
        </message>
        <message>
            <source>24 h ago</source>
            <translation>vor 24 h</translation>
        </message>
        <message>
            <source>12 h ago</source>
            <translation>vor 12 h</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ErrorsProjectEditor</name>
        <message>
            <source>Slack-compatible payload (incoming webhooks)</source>
            <translation>Slack-kompatible Nutzlast (Incoming Webhooks)</translation>
        </message>
        <message>
            <source>New errors project</source>
            <translation>Neues Errors-Projekt</translation>
        </message>
        <message>
            <source>Edit project “%1”</source>
            <translation>Projekt „%1“ bearbeiten</translation>
        </message>
        <message>
            <source>e.g. shop-backend</source>
            <translation>z. B. shop-backend</translation>
        </message>
        <message>
            <source>Project</source>
            <translation>Projekt</translation>
        </message>
        <message>
            <source>Name:</source>
            <translation>Name:</translation>
        </message>
        <message>
            <source>Platform:</source>
            <translation>Plattform:</translation>
        </message>
        <message>
            <source>The project id and its DSN key are generated when the project is created.</source>
            <translation>Projekt-ID und DSN-Schlüssel werden beim Anlegen des Projekts erzeugt.</translation>
        </message>
        <message>
            <source>%1 · keys %2</source>
            <translation>%1 · Schlüssel %2</translation>
        </message>
        <message>
            <source>Project id:</source>
            <translation>Projekt-ID:</translation>
        </message>
        <message>
            <source>Limits and retention</source>
            <translation>Grenzen und Aufbewahrung</translation>
        </message>
        <message>
            <source>unlimited</source>
            <translation>unbegrenzt</translation>
        </message>
        <message>
            <source> events/min</source>
            <translation> Events/min</translation>
        </message>
        <message>
            <source>Above this, SDKs are answered 429 with Retry-After and back off.</source>
            <translation>Darüber bekommen SDKs 429 mit Retry-After und warten.</translation>
        </message>
        <message>
            <source> days</source>
            <translation> Tage</translation>
        </message>
        <message>
            <source> events</source>
            <translation> Events</translation>
        </message>
        <message>
            <source>Rate limit:</source>
            <translation>Ratengrenze:</translation>
        </message>
        <message>
            <source>Keep events for:</source>
            <translation>Events behalten für:</translation>
        </message>
        <message>
            <source>Keep at most:</source>
            <translation>Höchstens behalten:</translation>
        </message>
        <message>
            <source>Alerts</source>
            <translation>Alarme</translation>
        </message>
        <message>
            <source>One URL per line, e.g. https://hooks.slack.com/services/…</source>
            <translation>Eine URL pro Zeile, z. B. https://hooks.slack.com/services/…</translation>
        </message>
        <message>
            <source>A JSON notification is POSTed to each URL when a new issue appears and when a resolved issue comes back (a regression).</source>
            <translation>Eine JSON-Benachrichtigung wird an jede URL gesendet (POST), wenn ein neues Issue erscheint und wenn ein erledigtes zurückkommt (eine Regression).</translation>
        </message>
        <message>
            <source>Give the project a name.</source>
            <translation>Geben Sie dem Projekt einen Namen.</translation>
        </message>
        <message>
            <source>“%1” is not an http:// or https:// address.</source>
            <translation>„%1“ ist keine http://- oder https://-Adresse.</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ErrorsProjectModel</name>
        <message>
            <source>unlimited</source>
            <translation>unbegrenzt</translation>
        </message>
        <message>
            <source>%1 events/min</source>
            <translation>%1 Events/min</translation>
        </message>
        <message>
            <source>%1 days · max %2 events</source>
            <translation>%1 Tage · max. %2 Events</translation>
        </message>
        <message>
            <source>no key</source>
            <translation>kein Schlüssel</translation>
        </message>
        <message>
            <source>Other keys: %1</source>
            <translation>Weitere Schlüssel: %1</translation>
        </message>
        <message>
            <source>Project</source>
            <translation>Projekt</translation>
        </message>
        <message>
            <source>Id</source>
            <translation>ID</translation>
        </message>
        <message>
            <source>Platform</source>
            <translation>Plattform</translation>
        </message>
        <message>
            <source>DSN</source>
            <translation>DSN</translation>
        </message>
        <message>
            <source>Rate limit</source>
            <translation>Ratengrenze</translation>
        </message>
        <message>
            <source>Retention</source>
            <translation>Aufbewahrung</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ErrorsSnippets</name>
        <message>
            <source>@sentry/node</source>
            <translation>@sentry/node</translation>
        </message>
        <message>
            <source>Python</source>
            <translation>Python</translation>
        </message>
        <message>
            <source>Laravel .env</source>
            <translation>Laravel .env</translation>
        </message>
        <message>
            <source>Browser</source>
            <translation>Browser</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ErrorsTagChart</name>
        <message>
            <source>other</source>
            <translation>andere</translation>
        </message>
        <message>
            <source>%1 %2</source>
            <translation>%1 %2</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1: %2</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::HealthSummary</name>
        <message>
            <source>%1 failed</source>
            <translation>%1 fehlgeschlagen</translation>
        </message>
        <message>
            <source>%1 failed: %2</source>
            <translation>%1 fehlgeschlagen: %2</translation>
        </message>
        <message>
            <source>No services configured</source>
            <translation>Keine Dienste eingerichtet</translation>
        </message>
        <message>
            <source>The service is running</source>
            <translation>Der Dienst läuft</translation>
        </message>
        <message>
            <source>All %1 services running</source>
            <translation>Alle %1 Dienste laufen</translation>
        </message>
        <message>
            <source>The service is stopped</source>
            <translation>Der Dienst ist gestoppt</translation>
        </message>
        <message>
            <source>All services stopped</source>
            <translation>Alle Dienste gestoppt</translation>
        </message>
        <message>
            <source>%1 of %2 services running</source>
            <translation>%1 von %2 Diensten laufen</translation>
        </message>
        <message>
            <source>%1 starting or stopping</source>
            <translation>%1 starten oder stoppen</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::InferenceKeysPanel</name>
        <message>
            <source>%1 %2 (no limit)</source>
            <translation>%1 %2 (ohne Grenze)</translation>
        </message>
        <message>
            <source>%1 / %2 %3</source>
            <translation>%1 / %2 %3</translation>
        </message>
        <message>
            <source>New gateway key</source>
            <translation>Neuer Gateway-Schlüssel</translation>
        </message>
        <message>
            <source>Edit key “%1”</source>
            <translation>Schlüssel „%1“ bearbeiten</translation>
        </message>
        <message>
            <source>e.g. shop-backend</source>
            <translation>z. B. shop-backend</translation>
        </message>
        <message>
            <source>every model (or: llama-3-8b, qwen2.5-7b)</source>
            <translation>jedes Modell (oder: llama-3-8b, qwen2.5-7b)</translation>
        </message>
        <message>
            <source>unlimited</source>
            <translation>unbegrenzt</translation>
        </message>
        <message>
            <source> requests/min</source>
            <translation> Anfragen/min</translation>
        </message>
        <message>
            <source> tokens/min</source>
            <translation> Tokens/min</translation>
        </message>
        <message>
            <source>no budget</source>
            <translation>kein Budget</translation>
        </message>
        <message>
            <source> tokens</source>
            <translation> Tokens</translation>
        </message>
        <message>
            <source>Key</source>
            <translation>Schlüssel</translation>
        </message>
        <message>
            <source>Name:</source>
            <translation>Name:</translation>
        </message>
        <message>
            <source>Models:</source>
            <translation>Modelle:</translation>
        </message>
        <message>
            <source>Rate limit:</source>
            <translation>Ratengrenze:</translation>
        </message>
        <message>
            <source>Token limit:</source>
            <translation>Token-Grenze:</translation>
        </message>
        <message>
            <source>Token budget:</source>
            <translation>Token-Budget:</translation>
        </message>
        <message>
            <source>The secret is shown once, when the key is created; Homeport keeps only its hash.</source>
            <translation>Das Secret wird einmal gezeigt, wenn der Schlüssel angelegt wird; Homeport behält nur seinen Hash.</translation>
        </message>
        <message>
            <source>The budget counts prompt and completion tokens over the key's life.</source>
            <translation>Das Budget zählt Prompt- und Completion-Tokens über die Lebensdauer des Schlüssels.</translation>
        </message>
        <message>
            <source>Give the key a name.</source>
            <translation>Geben Sie dem Schlüssel einen Namen.</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Models</source>
            <translation>Modelle</translation>
        </message>
        <message>
            <source>Requests this minute</source>
            <translation>Anfragen in dieser Minute</translation>
        </message>
        <message>
            <source>Tokens this minute</source>
            <translation>Tokens in dieser Minute</translation>
        </message>
        <message>
            <source>Budget</source>
            <translation>Budget</translation>
        </message>
        <message>
            <source>Last used</source>
            <translation>Zuletzt benutzt</translation>
        </message>
        <message>
            <source>State</source>
            <translation>Zustand</translation>
        </message>
        <message>
            <source>req</source>
            <translation>Anfr.</translation>
        </message>
        <message>
            <source>tokens</source>
            <translation>Tokens</translation>
        </message>
        <message>
            <source>%1 tokens spent</source>
            <translation>%1 Tokens verbraucht</translation>
        </message>
        <message>
            <source>all</source>
            <translation>alle</translation>
        </message>
        <message>
            <source>never</source>
            <translation>nie</translation>
        </message>
        <message>
            <source>admin</source>
            <translation>Admin</translation>
        </message>
        <message>
            <source>revoked</source>
            <translation>widerrufen</translation>
        </message>
        <message>
            <source>active</source>
            <translation>aktiv</translation>
        </message>
        <message>
            <source>%1 of %2 tokens left</source>
            <translation>%1 von %2 Tokens übrig</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Zeit</translation>
        </message>
        <message>
            <source>Endpoint</source>
            <translation>Endpunkt</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>Modell</translation>
        </message>
        <message>
            <source>Pod</source>
            <translation>Pod</translation>
        </message>
        <message>
            <source>Prompt</source>
            <translation>Prompt</translation>
        </message>
        <message>
            <source>Completion</source>
            <translation>Completion</translation>
        </message>
        <message>
            <source>Latency</source>
            <translation>Latenz</translation>
        </message>
        <message>
            <source>First token</source>
            <translation>Erstes Token</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>%1 ms</source>
            <translation>%1 ms</translation>
        </message>
        <message>
            <source>%1 (stream)</source>
            <translation>%1 (Stream)</translation>
        </message>
        <message>
            <source>Gateway keys</source>
            <translation>Gateway-Schlüssel</translation>
        </message>
        <message>
            <source>New key…</source>
            <translation>Neuer Schlüssel…</translation>
        </message>
        <message>
            <source>Revoke…</source>
            <translation>Widerrufen…</translation>
        </message>
        <message>
            <source>Recent requests</source>
            <translation>Letzte Anfragen</translation>
        </message>
        <message>
            <source>Clients use base_url %1 with one of these keys. The admin key has no limits and manages the others (also through %2/admin/keys).</source>
            <translation>Clients verwenden base_url %1 mit einem dieser Schlüssel. Der Admin-Schlüssel hat keine Grenzen und verwaltet die anderen (auch über %2/admin/keys).</translation>
        </message>
        <message>
            <source>Revoke key</source>
            <translation>Schlüssel widerrufen</translation>
        </message>
        <message>
            <source>Revoke the key “%1” (%2…)? Apps using it get 401 from their next request on. This cannot be undone.</source>
            <translation>Den Schlüssel „%1“ (%2…) widerrufen? Apps damit bekommen ab der nächsten Anfrage 401. Das lässt sich nicht rückgängig machen.</translation>
        </message>
        <message>
            <source>The key was not created: %1</source>
            <translation>Der Schlüssel wurde nicht angelegt: %1</translation>
        </message>
        <message>
            <source>Saved.</source>
            <translation>Gespeichert.</translation>
        </message>
        <message>
            <source>Not saved: %1</source>
            <translation>Nicht gespeichert: %1</translation>
        </message>
        <message>
            <source>Key “%1” created</source>
            <translation>Schlüssel „%1“ angelegt</translation>
        </message>
        <message>
            <source>Copy the key now: this is the only time it is shown. Homeport keeps only its hash.</source>
            <translation>Kopieren Sie den Schlüssel jetzt: Er wird nur dieses eine Mal gezeigt. Homeport behält nur seinen Hash.</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>Kopieren</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::InferencePage</name>
        <message>
            <source>up</source>
            <translation>aktiv</translation>
        </message>
        <message>
            <source>degraded</source>
            <translation>eingeschränkt</translation>
        </message>
        <message>
            <source>cold</source>
            <translation>kalt</translation>
        </message>
        <message>
            <source>down</source>
            <translation>ausgefallen</translation>
        </message>
        <message>
            <source>vLLM</source>
            <translation>vLLM</translation>
        </message>
        <message>
            <source>RunPod serverless</source>
            <translation>RunPod serverless</translation>
        </message>
        <message>
            <source>OpenAI-compatible</source>
            <translation>OpenAI-kompatibel</translation>
        </message>
        <message>
            <source>%1 ms</source>
            <translation>%1 ms</translation>
        </message>
        <message>
            <source>%1 s</source>
            <translation>%1 s</translation>
        </message>
        <message>
            <source>Pods</source>
            <translation>Pods</translation>
        </message>
        <message>
            <source>RunPod</source>
            <translation>RunPod</translation>
        </message>
        <message>
            <source>Playground</source>
            <translation>Spielwiese</translation>
        </message>
        <message>
            <source>Keys &amp;&amp; requests</source>
            <translation>Schlüssel &amp;&amp; Anfragen</translation>
        </message>
        <message>
            <source>Pod added to %1; checking it now.</source>
            <translation>Pod zu %1 hinzugefügt; er wird jetzt geprüft.</translation>
        </message>
        <message>
            <source>The pod was not added: %1</source>
            <translation>Der Pod wurde nicht hinzugefügt: %1</translation>
        </message>
        <message>
            <source>Done; RunPod is reloading the list.</source>
            <translation>Erledigt; RunPod lädt die Liste neu.</translation>
        </message>
        <message>
            <source>Error: %1</source>
            <translation>Fehler: %1</translation>
        </message>
        <message>
            <source>pod %1</source>
            <translation>Pod %1</translation>
        </message>
        <message>
            <source>first token after %1 ms</source>
            <translation>erstes Token nach %1 ms</translation>
        </message>
        <message>
            <source>%1 ms in all</source>
            <translation>%1 ms insgesamt</translation>
        </message>
        <message>
            <source>%1 prompt + %2 completion tokens</source>
            <translation>%1 Prompt- + %2 Completion-Tokens</translation>
        </message>
        <message>
            <source>Up or degraded</source>
            <translation>Aktiv oder eingeschränkt</translation>
        </message>
        <message>
            <source>Tokens / s</source>
            <translation>Tokens / s</translation>
        </message>
        <message>
            <source>Cost / hour</source>
            <translation>Kosten / Stunde</translation>
        </message>
        <message>
            <source>Generation tokens per second of every vLLM pod, from its /metrics over the last minute.</source>
            <translation>Generierte Tokens pro Sekunde jedes vLLM-Pods, aus seinen /metrics der letzten Minute.</translation>
        </message>
        <message>
            <source>The sum of the pods' cost per hour from pods.json (cost_per_hour).</source>
            <translation>Die Summe der Kosten pro Stunde der Pods aus pods.json (cost_per_hour).</translation>
        </message>
        <message>
            <source>Add pod…</source>
            <translation>Pod hinzufügen…</translation>
        </message>
        <message>
            <source>No pods yet — add one</source>
            <translation>Noch keine Pods – fügen Sie einen hinzu</translation>
        </message>
        <message>
            <source>The gateway forwards OpenAI requests to the GPU pods you list: vLLM servers, RunPod serverless endpoints or any OpenAI-compatible server. Add one here (it is saved in pods.json), or pick a pod of your RunPod account on the RunPod tab.</source>
            <translation>Das Gateway leitet OpenAI-Anfragen an die GPU-Pods weiter, die Sie angeben: vLLM-Server, RunPod-Serverless-Endpunkte oder jeden OpenAI-kompatiblen Server. Fügen Sie hier einen hinzu (er wird in pods.json gespeichert) oder wählen Sie im Reiter RunPod einen Pod Ihres RunPod-Kontos.</translation>
        </message>
        <message>
            <source>Pod</source>
            <translation>Pod</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Art</translation>
        </message>
        <message>
            <source>State</source>
            <translation>Zustand</translation>
        </message>
        <message>
            <source>Models</source>
            <translation>Modelle</translation>
        </message>
        <message>
            <source>Requests</source>
            <translation>Anfragen</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Grund</translation>
        </message>
        <message>
            <source>Running / waiting</source>
            <translation>Laufend / wartend</translation>
        </message>
        <message>
            <source>KV cache</source>
            <translation>KV-Cache</translation>
        </message>
        <message>
            <source>TTFT p50 / p95</source>
            <translation>TTFT p50 / p95</translation>
        </message>
        <message>
            <source>Cost / h</source>
            <translation>Kosten / h</translation>
        </message>
        <message>
            <source>Select a pod to see it over time</source>
            <translation>Wählen Sie einen Pod, um seinen Verlauf zu sehen</translation>
        </message>
        <message>
            <source>tokens / s</source>
            <translation>Tokens / s</translation>
        </message>
        <message>
            <source>generation</source>
            <translation>Generierung</translation>
        </message>
        <message>
            <source>KV cache %</source>
            <translation>KV-Cache %</translation>
        </message>
        <message>
            <source>requests</source>
            <translation>Anfragen</translation>
        </message>
        <message>
            <source>running</source>
            <translation>läuft</translation>
        </message>
        <message>
            <source>waiting</source>
            <translation>wartend</translation>
        </message>
        <message>
            <source>This machine's GPU</source>
            <translation>Die GPU dieses Rechners</translation>
        </message>
        <message>
            <source>Adding %1…</source>
            <translation>%1 wird hinzugefügt…</translation>
        </message>
        <message>
            <source>%1 / %2 jobs</source>
            <translation>%1 / %2 Jobs</translation>
        </message>
        <message>
            <source>from %1</source>
            <translation>ab %1</translation>
        </message>
        <message>
            <source>%1 over time</source>
            <translation>%1 im Verlauf</translation>
        </message>
        <message>
            <source>Not checked yet.</source>
            <translation>Noch nicht geprüft.</translation>
        </message>
        <message>
            <source>%1 % busy</source>
            <translation>%1 % ausgelastet</translation>
        </message>
        <message>
            <source>%1 of %2 GiB memory</source>
            <translation>%1 von %2 GiB Speicher</translation>
        </message>
        <message>
            <source>%1 °C</source>
            <translation>%1 °C</translation>
        </message>
        <message>
            <source>RunPod API key</source>
            <translation>RunPod-API-Schlüssel</translation>
        </message>
        <message>
            <source>rpa_… (kept 0600 in the data dir; leave empty and save to forget it)</source>
            <translation>rpa_… (mit 0600 im Datenordner abgelegt; leer lassen und speichern, um ihn zu vergessen)</translation>
        </message>
        <message>
            <source>Save key</source>
            <translation>Schlüssel speichern</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Aktualisieren</translation>
        </message>
        <message>
            <source>No RunPod account yet</source>
            <translation>Noch kein RunPod-Konto</translation>
        </message>
        <message>
            <source>With a RunPod API key the console lists the account's pods and serverless endpoints, starts and stops pods, and adds them to the gateway in one click.</source>
            <translation>Mit einem RunPod-API-Schlüssel listet die Konsole die Pods und Serverless-Endpunkte des Kontos, startet und stoppt Pods und fügt sie mit einem Klick zum Gateway hinzu.</translation>
        </message>
        <message>
            <source>Start…</source>
            <translation>Starten…</translation>
        </message>
        <message>
            <source>Stop…</source>
            <translation>Stoppen…</translation>
        </message>
        <message>
            <source>Add as gateway pod…</source>
            <translation>Als Gateway-Pod hinzufügen…</translation>
        </message>
        <message>
            <source>GPU</source>
            <translation>GPU</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Last start</source>
            <translation>Letzter Start</translation>
        </message>
        <message>
            <source>Data centre</source>
            <translation>Rechenzentrum</translation>
        </message>
        <message>
            <source>OpenAI port</source>
            <translation>OpenAI-Port</translation>
        </message>
        <message>
            <source>Serverless endpoints</source>
            <translation>Serverless-Endpunkte</translation>
        </message>
        <message>
            <source>Endpoint</source>
            <translation>Endpunkt</translation>
        </message>
        <message>
            <source>Workers idle / running</source>
            <translation>Worker untätig / laufend</translation>
        </message>
        <message>
            <source>Jobs queued / running</source>
            <translation>Jobs wartend / laufend</translation>
        </message>
        <message>
            <source>Workers min–max</source>
            <translation>Worker min.–max.</translation>
        </message>
        <message>
            <source>OpenAI base URL</source>
            <translation>OpenAI-Basis-URL</translation>
        </message>
        <message>
            <source>RunPod key removed.</source>
            <translation>RunPod-Schlüssel entfernt.</translation>
        </message>
        <message>
            <source>Key saved; asking RunPod…</source>
            <translation>Schlüssel gespeichert; RunPod wird gefragt…</translation>
        </message>
        <message>
            <source>Start the RunPod pod %1 (%2)? RunPod bills it at %3 an hour while it runs.</source>
            <translation>Den RunPod-Pod %1 (%2) starten? RunPod berechnet %3 pro Stunde, solange er läuft.</translation>
        </message>
        <message>
            <source>Stop the RunPod pod %1? Requests it is serving are cut off; its volume is kept (and still billed).</source>
            <translation>Den RunPod-Pod %1 stoppen? Anfragen, die er bedient, werden abgebrochen; sein Volume bleibt (und wird weiter berechnet).</translation>
        </message>
        <message>
            <source>Start pod</source>
            <translation>Pod starten</translation>
        </message>
        <message>
            <source>Stop pod</source>
            <translation>Pod stoppen</translation>
        </message>
        <message>
            <source>Starting %1…</source>
            <translation>%1 wird gestartet…</translation>
        </message>
        <message>
            <source>Stopping %1…</source>
            <translation>%1 wird gestoppt…</translation>
        </message>
        <message>
            <source>None of this pod's HTTP ports answered /v1/models like an OpenAI server.</source>
            <translation>Keiner der HTTP-Ports dieses Pods beantwortete /v1/models wie ein OpenAI-Server.</translation>
        </message>
        <message>
            <source>health: %1</source>
            <translation>Zustand: %1</translation>
        </message>
        <message>
            <source>Asking RunPod…</source>
            <translation>RunPod wird gefragt…</translation>
        </message>
        <message>
            <source>%1 pods and %2 serverless endpoints, as RunPod listed them at %3.</source>
            <translation>%1 Pods und %2 Serverless-Endpunkte, wie RunPod sie um %3 auflistete.</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>Modell</translation>
        </message>
        <message>
            <source>System</source>
            <translation>System</translation>
        </message>
        <message>
            <source>optional system message</source>
            <translation>optionale Systemnachricht</translation>
        </message>
        <message>
            <source>Your message. It goes through the gateway on its own port with the gateway key, routed to a pod serving the model, and the reply streams in.</source>
            <translation>Ihre Nachricht. Sie geht über das Gateway auf dessen eigenem Port mit dem Gateway-Schlüssel an einen Pod, der das Modell bedient, und die Antwort kommt gestreamt zurück.</translation>
        </message>
        <message>
            <source>Send</source>
            <translation>Senden</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>Stoppen</translation>
        </message>
        <message>
            <source>The reply appears here as the pod streams it.</source>
            <translation>Die Antwort erscheint hier, während der Pod sie streamt.</translation>
        </message>
        <message>
            <source>No model to talk to: no pod is up.</source>
            <translation>Kein Modell zum Reden: Kein Pod ist aktiv.</translation>
        </message>
        <message>
            <source>Write a message first.</source>
            <translation>Schreiben Sie zuerst eine Nachricht.</translation>
        </message>
        <message>
            <source>Waiting for the first token…</source>
            <translation>Warten auf das erste Token…</translation>
        </message>
        <message>
            <source>The inference service is not connected to this console.</source>
            <translation>Der Inference-Dienst ist nicht mit dieser Konsole verbunden.</translation>
        </message>
        <message>
            <source>Inference failed to start: %1. The tables show its last known state.</source>
            <translation>Inference ließ sich nicht starten: %1. Die Tabellen zeigen den letzten bekannten Stand.</translation>
        </message>
        <message>
            <source>Inference is %1. Pods are checked and chats answered once it runs.</source>
            <translation>Inference ist %1. Pods werden geprüft und Chats beantwortet, sobald er läuft.</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::InferencePodDialog</name>
        <message>
            <source>Add a GPU pod</source>
            <translation>Einen GPU-Pod hinzufügen</translation>
        </message>
        <message>
            <source>a100-1</source>
            <translation>a100-1</translation>
        </message>
        <message>
            <source>http://10.0.0.5:8000/v1</source>
            <translation>http://10.0.0.5:8000/v1</translation>
        </message>
        <message>
            <source>vLLM</source>
            <translation>vLLM</translation>
        </message>
        <message>
            <source>RunPod serverless endpoint</source>
            <translation>RunPod-Serverless-Endpunkt</translation>
        </message>
        <message>
            <source>Other OpenAI-compatible server</source>
            <translation>Anderer OpenAI-kompatibler Server</translation>
        </message>
        <message>
            <source>optional: the pod's --api-key, or the RunPod API key</source>
            <translation>optional: der --api-key des Pods oder der RunPod-API-Schlüssel</translation>
        </message>
        <message>
            <source>not set</source>
            <translation>nicht gesetzt</translation>
        </message>
        <message>
            <source>optional, comma-separated: asked from /v1/models when empty</source>
            <translation>optional, durch Kommas getrennt: bei leerem Feld von /v1/models erfragt</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>OpenAI base URL</source>
            <translation>OpenAI-Basis-URL</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Art</translation>
        </message>
        <message>
            <source>API key</source>
            <translation>API-Schlüssel</translation>
        </message>
        <message>
            <source>Cost per hour</source>
            <translation>Kosten pro Stunde</translation>
        </message>
        <message>
            <source>Models</source>
            <translation>Modelle</translation>
        </message>
        <message>
            <source>Give the pod a name.</source>
            <translation>Geben Sie dem Pod einen Namen.</translation>
        </message>
        <message>
            <source>The URL is the pod's OpenAI base URL, http(s)://host:port/v1.</source>
            <translation>Die URL ist die OpenAI-Basis-URL des Pods, http(s)://host:port/v1.</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::LogModel</name>
        <message>
            <source>Time</source>
            <translation>Zeit</translation>
        </message>
        <message>
            <source>Level</source>
            <translation>Stufe</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Kategorie</translation>
        </message>
        <message>
            <source>Message</source>
            <translation>Nachricht</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::LogsPage</name>
        <message>
            <source>Follow new lines</source>
            <translation>Neuen Zeilen folgen</translation>
        </message>
        <message>
            <source>Logs</source>
            <translation>Logs</translation>
        </message>
        <message>
            <source>Everything Homeport and its services log, newest last. Headless servers write the same lines to stderr (journald).</source>
            <translation>Alles, was Homeport und seine Dienste protokollieren, das Neueste zuletzt. Server ohne Fenster schreiben dieselben Zeilen nach stderr (journald).</translation>
        </message>
        <message>
            <source>Debug and above</source>
            <translation>Debug und höher</translation>
        </message>
        <message>
            <source>Info and above</source>
            <translation>Info und höher</translation>
        </message>
        <message>
            <source>Warnings and above</source>
            <translation>Warnungen und höher</translation>
        </message>
        <message>
            <source>Errors only</source>
            <translation>Nur Fehler</translation>
        </message>
        <message>
            <source>Filter by text or category…</source>
            <translation>Nach Text oder Kategorie filtern…</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>Leeren</translation>
        </message>
        <message>
            <source>Clears this view; the log itself is kept</source>
            <translation>Leert diese Ansicht; das Log selbst bleibt erhalten</translation>
        </message>
        <message>
            <source>Level:</source>
            <translation>Stufe:</translation>
        </message>
        <message>
            <source>%1 of %2 lines shown</source>
            <translation>%1 von %2 Zeilen angezeigt</translation>
        </message>
        <message>
            <source>No log lines yet.</source>
            <translation>Noch keine Logzeilen.</translation>
        </message>
        <message>
            <source>No lines match the filter.</source>
            <translation>Keine Zeilen passen zum Filter.</translation>
        </message>
        <message>
            <source>All services</source>
            <translation>Alle Dienste</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::MainWindow</name>
        <message>
            <source>Homeport</source>
            <translation>Homeport</translation>
        </message>
        <message>
            <source>Overview</source>
            <translation>Übersicht</translation>
        </message>
        <message>
            <source>Logs</source>
            <translation>Logs</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Einstellungen</translation>
        </message>
        <message>
            <source>Admin API %1</source>
            <translation>Admin-API %1</translation>
        </message>
        <message>
            <source>Version %1</source>
            <translation>Version %1</translation>
        </message>
        <message>
            <source>Data folder: %1</source>
            <translation>Datenordner: %1</translation>
        </message>
        <message>
            <source>Homeport is still running</source>
            <translation>Homeport läuft weiter</translation>
        </message>
        <message>
            <source>Your services keep running. Open the console or quit from the tray icon.</source>
            <translation>Ihre Dienste laufen weiter. Öffnen Sie die Konsole oder beenden Sie über das Tray-Symbol.</translation>
        </message>
        <message>
            <source>Open log</source>
            <translation>Log öffnen</translation>
        </message>
        <message>
            <source>Restart</source>
            <translation>Neu starten</translation>
        </message>
        <message>
            <source>Dismiss</source>
            <translation>Schließen</translation>
        </message>
        <message>
            <source>no reason given</source>
            <translation>kein Grund angegeben</translation>
        </message>
        <message>
            <source>%1 failed: %2</source>
            <translation>%1 fehlgeschlagen: %2</translation>
        </message>
        <message>
            <source>%1 failed</source>
            <translation>%1 fehlgeschlagen</translation>
        </message>
        <message>
            <source>%1
Click to open its log.</source>
            <translation>%1
Klicken, um sein Log zu öffnen.</translation>
        </message>
        <message>
            <source>The Laravel .env settings are on the clipboard.</source>
            <translation>Die Laravel-.env-Einstellungen liegen in der Zwischenablage.</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::OverviewPage</name>
        <message>
            <source>Overview</source>
            <translation>Übersicht</translation>
        </message>
        <message>
            <source>Start all</source>
            <translation>Alle starten</translation>
        </message>
        <message>
            <source>Stop all</source>
            <translation>Alle stoppen</translation>
        </message>
        <message>
            <source>Admin API: http://%1 (/health, /status, /metrics)</source>
            <translation>Admin-API: http://%1 (/health, /status, /metrics)</translation>
        </message>
        <message>
            <source>Data: %1</source>
            <translation>Daten: %1</translation>
        </message>
        <message>
            <source>Copy .env</source>
            <translation>.env kopieren</translation>
        </message>
        <message>
            <source>Copies the settings for a Laravel app (Pusher, Sentry DSN, Typesense, S3 disk, OpenAI base URL), the same as homeport --print-env laravel</source>
            <translation>Kopiert die Einstellungen für eine Laravel-App (Pusher, Sentry-DSN, Typesense, S3-Disk, OpenAI-Basis-URL), wie homeport --print-env laravel</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::SearchApiClient</name>
        <message>
            <source>The search service is not connected to this console.</source>
            <translation>Der Search-Dienst ist nicht mit dieser Konsole verbunden.</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::SearchApiListPanel</name>
        <message>
            <source>Delete…</source>
            <translation>Löschen…</translation>
        </message>
        <message>
            <source>Reload</source>
            <translation>Neu laden</translation>
        </message>
        <message>
            <source>No collection</source>
            <translation>Keine Collection</translation>
        </message>
        <message>
            <source>Create a collection first; %1s belong to one.</source>
            <translation>Legen Sie zuerst eine Collection an; %1s gehören zu einer.</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Wird geladen…</translation>
        </message>
        <message>
            <source>Not available</source>
            <translation>Nicht verfügbar</translation>
        </message>
        <message>
            <source>Could not load the %1s</source>
            <translation>Die %1s konnten nicht geladen werden</translation>
        </message>
        <message>
            <source>The search service answered 404 “Not Found” to GET %1. %2</source>
            <translation>Der Search-Dienst antwortete 404 „Not Found“ auf GET %1. %2</translation>
        </message>
        <message>
            <source>%1 (HTTP %2)</source>
            <translation>%1 (HTTP %2)</translation>
        </message>
        <message>
            <source>Delete %1</source>
            <translation>%1 löschen</translation>
        </message>
        <message>
            <source>Delete this %1 (DELETE %2)?</source>
            <translation>Dieses %1 löschen (DELETE %2)?</translation>
        </message>
        <message>
            <source>Deleted.</source>
            <translation>Gelöscht.</translation>
        </message>
        <message>
            <source>Not deleted: %1</source>
            <translation>Nicht gelöscht: %1</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::SearchCollectionModel</name>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Documents</source>
            <translation>Dokumente</translation>
        </message>
        <message>
            <source>Fields</source>
            <translation>Felder</translation>
        </message>
        <message>
            <source>Created</source>
            <translation>Angelegt</translation>
        </message>
        <message>
            <source>What the collection's index holds in the service's memory: posting lists, the word dictionary, sort and facet columns and the document records. The documents themselves are read from disk.</source>
            <translation>Was der Index der Collection im Speicher des Dienstes belegt: Posting-Listen, das Wörterbuch, Sortier- und Facettenspalten und die Dokumenteinträge. Die Dokumente selbst werden von der Festplatte gelesen.</translation>
        </message>
        <message>
            <source>The documents as compact JSON, as the collection's log holds them on disk.</source>
            <translation>Die Dokumente als kompaktes JSON, wie das Log der Collection sie auf der Festplatte hält.</translation>
        </message>
        <message>
            <source>Memory</source>
            <translation>Speicher</translation>
        </message>
        <message>
            <source>Documents' size</source>
            <translation>Größe der Dokumente</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::SearchJsonDialog</name>
        <message>
            <source>Send</source>
            <translation>Senden</translation>
        </message>
        <message>
            <source>Not valid JSON at character %1: %2.</source>
            <translation>Kein gültiges JSON bei Zeichen %1: %2.</translation>
        </message>
        <message>
            <source>The body must be one JSON object.</source>
            <translation>Der Rumpf muss ein JSON-Objekt sein.</translation>
        </message>
        <message>
            <source>The server answered %1: %2</source>
            <translation>Der Server antwortete %1: %2</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::SearchLatencyChart</name>
        <message>
            <source>p50</source>
            <translation>p50</translation>
        </message>
        <message>
            <source>p99</source>
            <translation>p99</translation>
        </message>
        <message>
            <source>latency, ms</source>
            <translation>Latenz, ms</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::SearchPage</name>
        <message>
            <source>%1 s</source>
            <translation>%1 s</translation>
        </message>
        <message>
            <source>%1 ms</source>
            <translation>%1 ms</translation>
        </message>
        <message>
            <source>Overview</source>
            <translation>Übersicht</translation>
        </message>
        <message>
            <source>Collections</source>
            <translation>Collections</translation>
        </message>
        <message>
            <source>Documents</source>
            <translation>Dokumente</translation>
        </message>
        <message>
            <source>Search</source>
            <translation>Suche</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>Import</translation>
        </message>
        <message>
            <source>API keys</source>
            <translation>API-Schlüssel</translation>
        </message>
        <message>
            <source>Synonyms</source>
            <translation>Synonyme</translation>
        </message>
        <message>
            <source>Overrides</source>
            <translation>Overrides</translation>
        </message>
        <message>
            <source>The collection this tab works on</source>
            <translation>Die Collection, mit der dieser Reiter arbeitet</translation>
        </message>
        <message>
            <source>Collection</source>
            <translation>Collection</translation>
        </message>
        <message>
            <source>Requests, last minute</source>
            <translation>Anfragen, letzte Minute</translation>
        </message>
        <message>
            <source>p99, last minute</source>
            <translation>p99, letzte Minute</translation>
        </message>
        <message>
            <source>Of every request to the search port, from the latency histogram</source>
            <translation>Aller Anfragen an den Search-Port, aus dem Latenz-Histogramm</translation>
        </message>
        <message>
            <source>Every request to the search port, the console's own too, estimated within the latency histogram's buckets.</source>
            <translation>Jede Anfrage an den Search-Port, auch die der Konsole, geschätzt innerhalb der Eimer des Latenz-Histogramms.</translation>
        </message>
        <message>
            <source>Searches, writes and imports alike. Seconds without requests are left out.</source>
            <translation>Suchen, Schreibvorgänge und Importe gleichermaßen. Sekunden ohne Anfragen werden ausgelassen.</translation>
        </message>
        <message>
            <source>Copied. This is the admin key: give browsers a search-only key (API keys tab).</source>
            <translation>Kopiert. Das ist der Admin-Schlüssel: Geben Sie Browsern einen reinen Suchschlüssel (Reiter API-Schlüssel).</translation>
        </message>
        <message>
            <source>&lt;api key&gt;</source>
            <translation>&lt;API-Schlüssel&gt;</translation>
        </message>
        <message>
            <source>New collection…</source>
            <translation>Neue Collection…</translation>
        </message>
        <message>
            <source>Add or drop fields…</source>
            <translation>Felder hinzufügen oder entfernen…</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>Feld</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Typ</translation>
        </message>
        <message>
            <source>Facet</source>
            <translation>Facette</translation>
        </message>
        <message>
            <source>Optional</source>
            <translation>Optional</translation>
        </message>
        <message>
            <source>Sort</source>
            <translation>Sortierung</translation>
        </message>
        <message>
            <source>Index</source>
            <translation>Index</translation>
        </message>
        <message>
            <source>No collections yet</source>
            <translation>Noch keine Collections</translation>
        </message>
        <message>
            <source>A collection holds documents of one schema. Create one here, or from your app with a Typesense client (Connect on the Overview tab), then import JSONL.</source>
            <translation>Eine Collection hält Dokumente eines Schemas. Legen Sie hier eine an oder aus Ihrer App mit einem Typesense-Client (Verbinden im Reiter Übersicht), dann importieren Sie JSONL.</translation>
        </message>
        <message>
            <source>Select a collection to see its schema</source>
            <translation>Wählen Sie eine Collection, um ihr Schema zu sehen</translation>
        </message>
        <message>
            <source>Schema of “%1”</source>
            <translation>Schema von „%1“</translation>
        </message>
        <message>
            <source>Schema of “%1” · default sorting field %2</source>
            <translation>Schema von „%1“ · Standard-Sortierfeld %2</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>ja</translation>
        </message>
        <message>
            <source>no</source>
            <translation>nein</translation>
        </message>
        <message>
            <source>New collection</source>
            <translation>Neue Collection</translation>
        </message>
        <message>
            <source>The schema as POST /collections takes it: a name, fields with their types (string, int32, int64, float, bool, their arrays, auto), facet, optional, sort; default_sorting_field. The server checks it.</source>
            <translation>Das Schema, wie POST /collections es nimmt: ein Name, Felder mit ihren Typen (string, int32, int64, float, bool, deren Arrays, auto), facet, optional, sort; default_sorting_field. Der Server prüft es.</translation>
        </message>
        <message>
            <source>Created “%1”.</source>
            <translation>„%1“ angelegt.</translation>
        </message>
        <message>
            <source>Add or drop fields of “%1”</source>
            <translation>Felder von „%1“ hinzufügen oder entfernen</translation>
        </message>
        <message>
            <source>PATCH /collections/%1: new fields to add, and {"name": …, "drop": true} for fields to drop. Every document must fit the new schema.</source>
            <translation>PATCH /collections/%1: neue Felder zum Hinzufügen und {"name": …, "drop": true} für zu entfernende Felder. Jedes Dokument muss zum neuen Schema passen.</translation>
        </message>
        <message>
            <source>Altered “%1”.</source>
            <translation>„%1“ geändert.</translation>
        </message>
        <message>
            <source>Delete the collection “%1” with its %2 documents? Apps searching it get 404 from then on.</source>
            <translation>Die Collection „%1“ mit ihren %2 Dokumenten löschen? Apps, die darin suchen, bekommen danach 404.</translation>
        </message>
        <message>
            <source>Delete collection</source>
            <translation>Collection löschen</translation>
        </message>
        <message>
            <source>Deleted “%1”.</source>
            <translation>„%1“ gelöscht.</translation>
        </message>
        <message>
            <source>“%1” was not deleted: %2</source>
            <translation>„%1“ wurde nicht gelöscht: %2</translation>
        </message>
        <message>
            <source>Deleting “%1”…</source>
            <translation>„%1“ wird gelöscht…</translation>
        </message>
        <message>
            <source>filter_by, e.g. price:&lt;100 &amp;&amp; brand:=acme (empty: every document)</source>
            <translation>filter_by, z. B. price:&lt;100 &amp;&amp; brand:=acme (leer: jedes Dokument)</translation>
        </message>
        <message>
            <source>Load</source>
            <translation>Laden</translation>
        </message>
        <message>
            <source>‹ Previous</source>
            <translation>‹ Vorheriges</translation>
        </message>
        <message>
            <source>Next ›</source>
            <translation>Nächstes ›</translation>
        </message>
        <message>
            <source>No collection yet: create one on the Collections tab.</source>
            <translation>Noch keine Collection: Legen Sie im Reiter Collections eine an.</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Wird geladen…</translation>
        </message>
        <message>
            <source>The server answered %1: %2</source>
            <translation>Der Server antwortete %1: %2</translation>
        </message>
        <message>
            <source>No document in “%1” matches.</source>
            <translation>Kein Dokument in „%1“ passt.</translation>
        </message>
        <message>
            <source>%1 documents in “%2” · page %3 of %4</source>
            <translation>%1 Dokumente in „%2“ · Seite %3 von %4</translation>
        </message>
        <message>
            <source>words, "phrases", -exclusions, or * for every document</source>
            <translation>Wörter, "Phrasen", -Ausschlüsse oder * für jedes Dokument</translation>
        </message>
        <message>
            <source>name,description</source>
            <translation>name,description</translation>
        </message>
        <message>
            <source>price:&lt;100 &amp;&amp; brand:=[acme,zeta]</source>
            <translation>price:&lt;100 &amp;&amp; brand:=[acme,zeta]</translation>
        </message>
        <message>
            <source>_text_match:desc,price:asc</source>
            <translation>_text_match:desc,price:asc</translation>
        </message>
        <message>
            <source>brand,price</source>
            <translation>brand,price</translation>
        </message>
        <message>
            <source>Searching…</source>
            <translation>Suche läuft…</translation>
        </message>
        <message>
            <source>&lt;p&gt;No hits.&lt;/p&gt;</source>
            <translation>&lt;p&gt;Keine Treffer.&lt;/p&gt;</translation>
        </message>
        <message>
            <source>&lt;p style="color:gray"&gt;No facets: name facet fields in facet_by.&lt;/p&gt;</source>
            <translation>&lt;p style="color:gray"&gt;Keine Facetten: nennen Sie Facettenfelder in facet_by.&lt;/p&gt;</translation>
        </message>
        <message>
            <source>The import's action: create refuses existing ids, upsert replaces, update changes fields of existing documents, emplace does either</source>
            <translation>Die Aktion des Imports: create weist vorhandene IDs ab, upsert ersetzt, update ändert Felder vorhandener Dokumente, emplace tut beides</translation>
        </message>
        <message>
            <source>action</source>
            <translation>Aktion</translation>
        </message>
        <message>
            <source>Import a JSONL file…</source>
            <translation>Eine JSONL-Datei importieren…</translation>
        </message>
        <message>
            <source>Import JSONL</source>
            <translation>JSONL importieren</translation>
        </message>
        <message>
            <source>JSON Lines (*.jsonl *.ndjson *.json);;All files (*)</source>
            <translation>JSON Lines (*.jsonl *.ndjson *.json);;Alle Dateien (*)</translation>
        </message>
        <message>
            <source>One JSON document a line, as POST …/documents/import takes it</source>
            <translation>Ein JSON-Dokument pro Zeile, wie POST …/documents/import es nimmt</translation>
        </message>
        <message>
            <source>%p% of the file</source>
            <translation>%p% der Datei</translation>
        </message>
        <message>
            <source>Line</source>
            <translation>Zeile</translation>
        </message>
        <message>
            <source>Error</source>
            <translation>Fehler</translation>
        </message>
        <message>
            <source>Document</source>
            <translation>Dokument</translation>
        </message>
        <message>
            <source>The file is sent in batches of %1 lines; each line is answered on its own, so good lines are kept when others fail. Failed lines are listed with the server's message.</source>
            <translation>Die Datei wird in Stapeln zu %1 Zeilen gesendet; jede Zeile wird einzeln beantwortet, sodass gute Zeilen bleiben, wenn andere scheitern. Fehlgeschlagene Zeilen stehen mit der Meldung des Servers in der Liste.</translation>
        </message>
        <message>
            <source>Create a collection first: documents are imported into one.</source>
            <translation>Legen Sie zuerst eine Collection an: Dokumente werden in eine importiert.</translation>
        </message>
        <message>
            <source>Cannot read %1: %2</source>
            <translation>%1 kann nicht gelesen werden: %2</translation>
        </message>
        <message>
            <source>%1 → “%2” (%3)</source>
            <translation>%1 → „%2“ (%3)</translation>
        </message>
        <message>
            <source>Importing…</source>
            <translation>Import läuft…</translation>
        </message>
        <message>
            <source>The file has no lines to import.</source>
            <translation>Die Datei hat keine Zeilen zum Importieren.</translation>
        </message>
        <message>
            <source>Done: %1 documents imported.</source>
            <translation>Fertig: %1 Dokumente importiert.</translation>
        </message>
        <message>
            <source>Done: %1 imported, %2 failed (listed below).</source>
            <translation>Fertig: %1 importiert, %2 fehlgeschlagen (unten aufgeführt).</translation>
        </message>
        <message>
            <source>Stopped at line %1: the server answered %2: %3</source>
            <translation>Bei Zeile %1 angehalten: Der Server antwortete %2: %3</translation>
        </message>
        <message>
            <source>no result for this line</source>
            <translation>kein Ergebnis für diese Zeile</translation>
        </message>
        <message>
            <source>Importing… %1 imported, %2 failed</source>
            <translation>Import läuft… %1 importiert, %2 fehlgeschlagen</translation>
        </message>
        <message>
            <source>key</source>
            <translation>Schlüssel</translation>
        </message>
        <message>
            <source>Id</source>
            <translation>ID</translation>
        </message>
        <message>
            <source>Prefix</source>
            <translation>Präfix</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>Beschreibung</translation>
        </message>
        <message>
            <source>Actions</source>
            <translation>Aktionen</translation>
        </message>
        <message>
            <source>Expires</source>
            <translation>Läuft ab</translation>
        </message>
        <message>
            <source>never</source>
            <translation>nie</translation>
        </message>
        <message>
            <source>No API keys yet</source>
            <translation>Noch keine API-Schlüssel</translation>
        </message>
        <message>
            <source>Apps can use the admin key, but browsers should get a search-only key, or a scoped key made from one that limits what they see.</source>
            <translation>Apps können den Admin-Schlüssel verwenden, aber Browser sollten einen reinen Suchschlüssel bekommen oder einen daraus erzeugten eingeschränkten Schlüssel, der begrenzt, was sie sehen.</translation>
        </message>
        <message>
            <source>This Homeport's search service has no API key management yet; clients use the admin key shown under Connect on the Overview tab.</source>
            <translation>Der Search-Dienst dieses Homeport hat noch keine Schlüsselverwaltung; Clients verwenden den Admin-Schlüssel unter Verbinden im Reiter Übersicht.</translation>
        </message>
        <message>
            <source>New search-only key…</source>
            <translation>Neuer reiner Suchschlüssel…</translation>
        </message>
        <message>
            <source>New search-only key</source>
            <translation>Neuer reiner Suchschlüssel</translation>
        </message>
        <message>
            <source>POST /keys. A key that can only search: safe to put in a browser. The key's value is shown once.</source>
            <translation>POST /keys. Ein Schlüssel, der nur suchen kann: sicher im Browser. Sein Wert wird einmal gezeigt.</translation>
        </message>
        <message>
            <source>New key…</source>
            <translation>Neuer Schlüssel…</translation>
        </message>
        <message>
            <source>New API key</source>
            <translation>Neuer API-Schlüssel</translation>
        </message>
        <message>
            <source>POST /keys with the actions (e.g. documents:*, collections:get, *) and collections it may use; expires_at in seconds since the epoch is optional.</source>
            <translation>POST /keys mit den Aktionen (z. B. documents:*, collections:get, *) und Collections, die er nutzen darf; expires_at in Sekunden seit der Epoche ist optional.</translation>
        </message>
        <message>
            <source>the value of a key created here appears here once</source>
            <translation>der Wert eines hier angelegten Schlüssels erscheint hier einmal</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>Kopieren</translation>
        </message>
        <message>
            <source>a search-only key's value</source>
            <translation>der Wert eines reinen Suchschlüssels</translation>
        </message>
        <message>
            <source>Generate</source>
            <translation>Erzeugen</translation>
        </message>
        <message>
            <source>Scoped key copied.</source>
            <translation>Eingeschränkter Schlüssel kopiert.</translation>
        </message>
        <message>
            <source>Parent key</source>
            <translation>Elternschlüssel</translation>
        </message>
        <message>
            <source>Embedded</source>
            <translation>Eingebettet</translation>
        </message>
        <message>
            <source>Scoped key</source>
            <translation>Eingeschränkter Schlüssel</translation>
        </message>
        <message>
            <source>Scoped search key</source>
            <translation>Eingeschränkter Suchschlüssel</translation>
        </message>
        <message>
            <source>Made here, as typesense-js' generateScopedSearchKey does: the parameters are signed with the parent key (HMAC-SHA256), so the server enforces them (its filter_by is joined to every search with &amp;&amp;). Nothing is sent.</source>
            <translation>Hier erzeugt, wie es generateScopedSearchKey von typesense-js tut: Die Parameter werden mit dem Elternschlüssel signiert (HMAC-SHA256), sodass der Server sie durchsetzt (sein filter_by wird mit &amp;&amp; an jede Suche gehängt). Nichts wird gesendet.</translation>
        </message>
        <message>
            <source>Key created: copy its value now, it is not shown again.</source>
            <translation>Schlüssel angelegt: Kopieren Sie seinen Wert jetzt, er wird nicht erneut gezeigt.</translation>
        </message>
        <message>
            <source>Give the parent key: the value of a search-only key.</source>
            <translation>Geben Sie den Elternschlüssel an: den Wert eines reinen Suchschlüssels.</translation>
        </message>
        <message>
            <source>The embedded parameters must be one JSON object, e.g. {"filter_by": "user_id:=7"}.</source>
            <translation>Die eingebetteten Parameter müssen ein JSON-Objekt sein, z. B. {"filter_by": "user_id:=7"}.</translation>
        </message>
        <message>
            <source>Give this key to the client: searches with it are limited as embedded.</source>
            <translation>Geben Sie diesen Schlüssel dem Client: Suchen damit sind wie eingebettet begrenzt.</translation>
        </message>
        <message>
            <source>synonym</source>
            <translation>Synonym</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Art</translation>
        </message>
        <message>
            <source>multi-way</source>
            <translation>mehrseitig</translation>
        </message>
        <message>
            <source>one-way</source>
            <translation>einseitig</translation>
        </message>
        <message>
            <source>Root</source>
            <translation>Wurzel</translation>
        </message>
        <message>
            <source>No synonyms yet</source>
            <translation>Noch keine Synonyme</translation>
        </message>
        <message>
            <source>Multi-way synonyms make words interchangeable (sneaker, shoe, trainer); a one-way synonym with a root also finds the synonyms when the root is searched.</source>
            <translation>Mehrseitige Synonyme machen Wörter austauschbar (sneaker, shoe, trainer); ein einseitiges Synonym mit Wurzel findet auch die Synonyme, wenn nach der Wurzel gesucht wird.</translation>
        </message>
        <message>
            <source>Synonyms are not in this Homeport's search service yet.</source>
            <translation>Synonyme gibt es im Search-Dienst dieses Homeport noch nicht.</translation>
        </message>
        <message>
            <source>Give the synonym an "id": it becomes part of its address.</source>
            <translation>Geben Sie dem Synonym eine "id": Sie wird Teil seiner Adresse.</translation>
        </message>
        <message>
            <source>New synonym…</source>
            <translation>Neues Synonym…</translation>
        </message>
        <message>
            <source>New synonym</source>
            <translation>Neues Synonym</translation>
        </message>
        <message>
            <source>PUT /collections/{collection}/synonyms/{id}: the id names it; add "root" for a one-way synonym.</source>
            <translation>PUT /collections/{collection}/synonyms/{id}: Die ID benennt es; fügen Sie "root" für ein einseitiges Synonym hinzu.</translation>
        </message>
        <message>
            <source>Edit…</source>
            <translation>Bearbeiten…</translation>
        </message>
        <message>
            <source>Edit synonym</source>
            <translation>Synonym bearbeiten</translation>
        </message>
        <message>
            <source>PUT /collections/{collection}/synonyms/{id} replaces the synonym with this id.</source>
            <translation>PUT /collections/{collection}/synonyms/{id} ersetzt das Synonym mit dieser ID.</translation>
        </message>
        <message>
            <source>override</source>
            <translation>Override</translation>
        </message>
        <message>
            <source>Rule</source>
            <translation>Regel</translation>
        </message>
        <message>
            <source>Includes</source>
            <translation>Einschlüsse</translation>
        </message>
        <message>
            <source>Excludes</source>
            <translation>Ausschlüsse</translation>
        </message>
        <message>
            <source>Also</source>
            <translation>Außerdem</translation>
        </message>
        <message>
            <source>No overrides yet</source>
            <translation>Noch keine Overrides</translation>
        </message>
        <message>
            <source>An override curates results for a query: pin documents at positions, hide others, add a filter or replace the query.</source>
            <translation>Ein Override kuratiert Ergebnisse für eine Anfrage: Dokumente an Positionen anheften, andere ausblenden, einen Filter hinzufügen oder die Anfrage ersetzen.</translation>
        </message>
        <message>
            <source>Overrides (curation) are not in this Homeport's search service yet.</source>
            <translation>Overrides (Kuratierung) gibt es im Search-Dienst dieses Homeport noch nicht.</translation>
        </message>
        <message>
            <source>Give the override an "id": it becomes part of its address.</source>
            <translation>Geben Sie dem Override eine "id": Sie wird Teil seiner Adresse.</translation>
        </message>
        <message>
            <source>New override…</source>
            <translation>Neuer Override…</translation>
        </message>
        <message>
            <source>New override</source>
            <translation>Neuer Override</translation>
        </message>
        <message>
            <source>PUT /collections/{collection}/overrides/{id}: a rule (query with match exact or contains, and/or filter_by), then includes, excludes, filter_by, sort_by, replace_query, stop_processing.</source>
            <translation>PUT /collections/{collection}/overrides/{id}: eine Regel (query mit match exact oder contains und/oder filter_by), dann includes, excludes, filter_by, sort_by, replace_query, stop_processing.</translation>
        </message>
        <message>
            <source>Edit override</source>
            <translation>Override bearbeiten</translation>
        </message>
        <message>
            <source>PUT /collections/{collection}/overrides/{id} replaces the override with this id.</source>
            <translation>PUT /collections/{collection}/overrides/{id} ersetzt den Override mit dieser ID.</translation>
        </message>
        <message>
            <source>–</source>
            <translation>–</translation>
        </message>
        <message>
            <source>no requests in the last second</source>
            <translation>keine Anfragen in der letzten Sekunde</translation>
        </message>
        <message>
            <source>last second: %1 requests · p50 %2 · p99 %3</source>
            <translation>letzte Sekunde: %1 Anfragen · p50 %2 · p99 %3</translation>
        </message>
        <message>
            <source>The search service stopped before it answered.</source>
            <translation>Der Search-Dienst hielt an, bevor er antwortete.</translation>
        </message>
        <message>
            <source>The search service is not connected to this console.</source>
            <translation>Der Search-Dienst ist nicht mit dieser Konsole verbunden.</translation>
        </message>
        <message>
            <source>Search failed to start: %1. The tables show its last known state.</source>
            <translation>Search ließ sich nicht starten: %1. Die Tabellen zeigen den letzten bekannten Stand.</translation>
        </message>
        <message>
            <source>Search is %1. Collections load and requests are answered once it runs.</source>
            <translation>Search ist %1. Collections werden geladen und Anfragen beantwortet, sobald er läuft.</translation>
        </message>
        <message>
            <source>Request latency per second, p50 and p99, %1</source>
            <translation>Anfragelatenz pro Sekunde, p50 und p99, %1</translation>
        </message>
        <message>
            <source>Request latency per minute, p50 and p99, %1</source>
            <translation>Anfragelatenz pro Minute, p50 und p99, %1</translation>
        </message>
        <message>
            <source>Hits show here, the matched words highlighted. Type a query (* for every document) and press Enter or Search.</source>
            <translation>Hier erscheinen die Treffer, die gefundenen Wörter hervorgehoben. Geben Sie eine Suche ein (* für jedes Dokument) und drücken Sie Enter oder „Suche“.</translation>
        </message>
        <message>
            <source>Counts per value of the fields in facet_by show here.</source>
            <translation>Hier erscheint die Anzahl je Wert der Felder in facet_by.</translation>
        </message>
        <message>
            <source>No key made yet: its value shows here once, right after New key.</source>
            <translation>Noch kein Schlüssel angelegt: sein Wert erscheint hier einmal, direkt nach „Neuer Schlüssel“.</translation>
        </message>
        <message>
            <source>Key copied.</source>
            <translation>Schlüssel kopiert.</translation>
        </message>
        <message>
            <source>Nothing to copy yet: give the parent key and press Generate.</source>
            <translation>Noch nichts zu kopieren: Geben Sie den Elternschlüssel an und drücken Sie „Erzeugen“.</translation>
        </message>
        <message>
            <source>New key's value</source>
            <translation>Wert des neuen Schlüssels</translation>
        </message>
        <message>
            <source>Memory</source>
            <translation>Speicher</translation>
        </message>
        <message>
            <source>What the collections' indexes hold in the service's memory. The documents themselves, %1 as compact JSON, are read from disk.</source>
            <translation>Was die Indizes der Collections im Speicher des Dienstes belegen. Die Dokumente selbst, %1 als kompaktes JSON, werden von der Festplatte gelesen.</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::SearchResultFormat</name>
        <message>
            <source>%1 found of %2 documents · page %3 · %4 ms on the server</source>
            <translation>%1 gefunden von %2 Dokumenten · Seite %3 · %4 ms auf dem Server</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::SearchSnippets</name>
        <message>
            <source>typesense-js</source>
            <translation>typesense-js</translation>
        </message>
        <message>
            <source>InstantSearch</source>
            <translation>InstantSearch</translation>
        </message>
        <message>
            <source>PHP</source>
            <translation>PHP</translation>
        </message>
        <message>
            <source>Python</source>
            <translation>Python</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ServiceCard</name>
        <message>
            <source>Start</source>
            <translation>Starten</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>Stoppen</translation>
        </message>
        <message>
            <source>Restart</source>
            <translation>Neu starten</translation>
        </message>
        <message>
            <source>Connect</source>
            <translation>Verbinden</translation>
        </message>
        <message>
            <source>Open the %1 page</source>
            <translation>Die Seite %1 öffnen</translation>
        </message>
        <message>
            <source>replaces %1 · %2</source>
            <translation>ersetzt %1 · %2</translation>
        </message>
        <message>
            <source>Settings to paste into your app</source>
            <translation>Einstellungen zum Einfügen in Ihre App</translation>
        </message>
        <message>
            <source>Requests, last 2 minutes</source>
            <translation>Anfragen, letzte 2 Minuten</translation>
        </message>
        <message>
            <source>Listening on %1</source>
            <translation>Lauscht auf %1</translation>
        </message>
        <message>
            <source>%1 (not listening)</source>
            <translation>%1 (lauscht nicht)</translation>
        </message>
        <message>
            <source>Configured address; the service is not listening</source>
            <translation>Eingestellte Adresse; der Dienst lauscht nicht</translation>
        </message>
        <message>
            <source>not listening</source>
            <translation>lauscht nicht</translation>
        </message>
        <message>
            <source>up %1</source>
            <translation>läuft seit %1</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ServicePage</name>
        <message>
            <source>Your apps, their live connections and the traffic on each channel will appear here.</source>
            <translation>Ihre Apps, ihre Live-Verbindungen und der Verkehr auf jedem Kanal erscheinen hier.</translation>
        </message>
        <message>
            <source>Issues, grouped from the error events your apps send, will appear here.</source>
            <translation>Issues, gruppiert aus den Fehler-Events Ihrer Apps, erscheinen hier.</translation>
        </message>
        <message>
            <source>Your collections and their documents will appear here.</source>
            <translation>Ihre Collections und deren Dokumente erscheinen hier.</translation>
        </message>
        <message>
            <source>Your buckets and an object browser will appear here.</source>
            <translation>Ihre Buckets und ein Objekt-Browser erscheinen hier.</translation>
        </message>
        <message>
            <source>Your GPU pods, their health and token throughput will appear here.</source>
            <translation>Ihre GPU-Pods, ihr Zustand und ihr Token-Durchsatz erscheinen hier.</translation>
        </message>
        <message>
            <source>This service's dashboard will appear here.</source>
            <translation>Das Dashboard dieses Dienstes erscheint hier.</translation>
        </message>
        <message>
            <source>No requests yet. Counters appear with the first request.</source>
            <translation>Noch keine Anfragen. Zähler erscheinen mit der ersten Anfrage.</translation>
        </message>
        <message>
            <source>Start</source>
            <translation>Starten</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>Stoppen</translation>
        </message>
        <message>
            <source>Restart</source>
            <translation>Neu starten</translation>
        </message>
        <message>
            <source>replaces %1 · %2</source>
            <translation>ersetzt %1 · %2</translation>
        </message>
        <message>
            <source>Connect</source>
            <translation>Verbinden</translation>
        </message>
        <message>
            <source>Counters</source>
            <translation>Zähler</translation>
        </message>
        <message>
            <source>%1 dashboard</source>
            <translation>%1-Dashboard</translation>
        </message>
        <message>
            <source>Meanwhile, connect an app: Homeport %1 speaks the %2, so your existing %3 client works once you point it here.</source>
            <translation>Verbinden Sie inzwischen eine App: Homeport %1 spricht das %2, also funktioniert Ihr vorhandener %3-Client, sobald Sie ihn hierher richten.</translation>
        </message>
        <message>
            <source>Connect an app…</source>
            <translation>Eine App verbinden…</translation>
        </message>
        <message>
            <source>listening on %1</source>
            <translation>lauscht auf %1</translation>
        </message>
        <message>
            <source>configured for %1:%2, not listening</source>
            <translation>eingestellt auf %1:%2, lauscht nicht</translation>
        </message>
        <message>
            <source>not listening</source>
            <translation>lauscht nicht</translation>
        </message>
        <message>
            <source>up %1</source>
            <translation>läuft seit %1</translation>
        </message>
        <message>
            <source>Requests per second, %1</source>
            <translation>Anfragen pro Sekunde, %1</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::SettingsPage</name>
        <message>
            <source>Save</source>
            <translation>Speichern</translation>
        </message>
        <message>
            <source>Restart changed services</source>
            <translation>Geänderte Dienste neu starten</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Einstellungen</translation>
        </message>
        <message>
            <source>Saved to %1. Command-line flags and HOMEPORT_* environment variables win over this file.</source>
            <translation>Gespeichert in %1. Kommandozeilenoptionen und HOMEPORT_*-Umgebungsvariablen haben Vorrang vor dieser Datei.</translation>
        </message>
        <message>
            <source>homeport.ini</source>
            <translation>homeport.ini</translation>
        </message>
        <message>
            <source>Network</source>
            <translation>Netzwerk</translation>
        </message>
        <message>
            <source>127.0.0.1 keeps the services private to this computer; 0.0.0.0 lets other machines on your network connect.</source>
            <translation>127.0.0.1 hält die Dienste auf diesem Rechner; 0.0.0.0 lässt andere Rechner in Ihrem Netz sich verbinden.</translation>
        </message>
        <message>
            <source>Serves /health, /status and /metrics. Moves at the next start.</source>
            <translation>Liefert /health, /status und /metrics. Zieht beim nächsten Start um.</translation>
        </message>
        <message>
            <source>Now at http://%1 (/health, /status, /metrics). Moves at the next start.</source>
            <translation>Jetzt unter http://%1 (/health, /status, /metrics). Zieht beim nächsten Start um.</translation>
        </message>
        <message>
            <source>Bind address</source>
            <translation>Bind-Adresse</translation>
        </message>
        <message>
            <source>Admin API port</source>
            <translation>Port der Admin-API</translation>
        </message>
        <message>
            <source>Services</source>
            <translation>Dienste</translation>
        </message>
        <message>
            <source>Service</source>
            <translation>Dienst</translation>
        </message>
        <message>
            <source>Start at launch</source>
            <translation>Beim Start starten</translation>
        </message>
        <message>
            <source>Port</source>
            <translation>Port</translation>
        </message>
        <message>
            <source>Comes from</source>
            <translation>Stammt aus</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>Start %1 when Homeport starts</source>
            <translation>%1 starten, wenn Homeport startet</translation>
        </message>
        <message>
            <source>A new port applies when the service restarts; “start at launch” applies at the next start of Homeport.</source>
            <translation>Ein neuer Port gilt, wenn der Dienst neu startet; „beim Start starten“ gilt beim nächsten Start von Homeport.</translation>
        </message>
        <message>
            <source>Data</source>
            <translation>Daten</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>Wählen…</translation>
        </message>
        <message>
            <source>Choose the data folder</source>
            <translation>Den Datenordner wählen</translation>
        </message>
        <message>
            <source>Data folder</source>
            <translation>Datenordner</translation>
        </message>
        <message>
            <source>Revert</source>
            <translation>Zurücksetzen</translation>
        </message>
        <message>
            <source>Set by a command-line flag, which wins over this file; change it there.</source>
            <translation>Durch eine Kommandozeilenoption gesetzt, die Vorrang vor dieser Datei hat; ändern Sie sie dort.</translation>
        </message>
        <message>
            <source>Set by %1 in the environment, which wins over this file; change it there.</source>
            <translation>Durch %1 in der Umgebung gesetzt, das Vorrang vor dieser Datei hat; ändern Sie es dort.</translation>
        </message>
        <message>
            <source>saved in homeport.ini</source>
            <translation>in homeport.ini gespeichert</translation>
        </message>
        <message>
            <source>default</source>
            <translation>Standard</translation>
        </message>
        <message>
            <source>Port: %1</source>
            <translation>Port: %1</translation>
        </message>
        <message>
            <source>Start at launch: %1</source>
            <translation>Beim Start starten: %1</translation>
        </message>
        <message>
            <source>“%1” is not an IP address. Use 127.0.0.1 (this computer only), 0.0.0.0 (all IPv4 interfaces) or one of this computer's addresses.</source>
            <translation>„%1“ ist keine IP-Adresse. Verwenden Sie 127.0.0.1 (nur dieser Rechner), 0.0.0.0 (alle IPv4-Schnittstellen) oder eine der Adressen dieses Rechners.</translation>
        </message>
        <message>
            <source>the admin API</source>
            <translation>die Admin-API</translation>
        </message>
        <message>
            <source>%1 and %2 both use port %3; each needs a port of its own.</source>
            <translation>%1 und %2 nutzen beide Port %3; jeder braucht einen eigenen Port.</translation>
        </message>
        <message>
            <source>Homeport will keep its data in %1 from its next start.</source>
            <translation>Homeport legt seine Daten ab dem nächsten Start in %1 ab.</translation>
        </message>
        <message>
            <source>The admin API moves to port %1 at the next start.</source>
            <translation>Die Admin-API zieht beim nächsten Start auf Port %1 um.</translation>
        </message>
        <message>
            <source>Could not save: %1</source>
            <translation>Konnte nicht speichern: %1</translation>
        </message>
        <message>
            <source>Saved.</source>
            <translation>Gespeichert.</translation>
        </message>
        <message>
            <source>Restarting %1…</source>
            <translation>%1 wird neu gestartet…</translation>
        </message>
        <message>
            <source>Move data here…</source>
            <translation>Daten hierher verschieben…</translation>
        </message>
        <message>
            <source>Restart Homeport</source>
            <translation>Homeport neu starten</translation>
        </message>
        <message>
            <source>Everything (a line per request)</source>
            <translation>Alles (eine Zeile pro Anfrage)</translation>
        </message>
        <message>
            <source>Debug</source>
            <translation>Debug</translation>
        </message>
        <message>
            <source>Info</source>
            <translation>Info</translation>
        </message>
        <message>
            <source>Warnings</source>
            <translation>Warnungen</translation>
        </message>
        <message>
            <source>Errors</source>
            <translation>Fehler</translation>
        </message>
        <message>
            <source>Applies at once, to the Logs page and to the log on stdout or stderr.</source>
            <translation>Gilt sofort, für die Seite Logs und das Log auf stdout oder stderr.</translation>
        </message>
        <message>
            <source>Log level</source>
            <translation>Log-Stufe</translation>
        </message>
        <message>
            <source>Stops the services, moves everything into the folder above (which must be empty or new) and starts them again</source>
            <translation>Stoppt die Dienste, verschiebt alles in den Ordner oben (der leer oder neu sein muss) und startet sie wieder</translation>
        </message>
        <message>
            <source>Choose another folder first.</source>
            <translation>Wählen Sie zuerst einen anderen Ordner.</translation>
        </message>
        <message>
            <source>Move the data?</source>
            <translation>Die Daten verschieben?</translation>
        </message>
        <message>
            <source>Homeport stops every service, moves its settings, keys and data to %1 and starts the services again. Clients cannot connect for the moment this takes.</source>
            <translation>Homeport stoppt jeden Dienst, verschiebt Einstellungen, Schlüssel und Daten nach %1 und startet die Dienste wieder. Clients können sich solange nicht verbinden.</translation>
        </message>
        <message>
            <source>Settings, keys and every service's data live here. Save keeps the data where it is and uses the new folder (empty) from the next start; Move takes everything there now. A folder that is not empty is refused.</source>
            <translation>Einstellungen, Schlüssel und die Daten jedes Dienstes liegen hier. Speichern lässt die Daten, wo sie sind, und nutzt den neuen (leeren) Ordner ab dem nächsten Start; Verschieben bringt jetzt alles dorthin. Ein Ordner, der nicht leer ist, wird abgelehnt.</translation>
        </message>
        <message>
            <source>Appearance</source>
            <translation>Darstellung</translation>
        </message>
        <message>
            <source>Like the system</source>
            <translation>Wie das System</translation>
        </message>
        <message>
            <source>Light</source>
            <translation>Hell</translation>
        </message>
        <message>
            <source>Dark</source>
            <translation>Dunkel</translation>
        </message>
        <message>
            <source>The theme applies at once. A new language applies when Homeport starts again.</source>
            <translation>Das Thema gilt sofort. Eine neue Sprache gilt, wenn Homeport wieder startet.</translation>
        </message>
        <message>
            <source>Theme</source>
            <translation>Thema</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Sprache</translation>
        </message>
        <message>
            <source>TLS and retention</source>
            <translation>TLS und Aufbewahrung</translation>
        </message>
        <message>
            <source>TLS certificate (PEM)</source>
            <translation>TLS-Zertifikat (PEM)</translation>
        </message>
        <message>
            <source>TLS key (PEM)</source>
            <translation>TLS-Schlüssel (PEM)</translation>
        </message>
        <message>
            <source>Retention</source>
            <translation>Aufbewahrung</translation>
        </message>
        <message>
            <source>none: plain HTTP</source>
            <translation>keins: einfaches HTTP</translation>
        </message>
        <message>
            <source>none</source>
            <translation>keine</translation>
        </message>
        <message>
            <source>…</source>
            <translation>…</translation>
        </message>
        <message>
            <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
            <translation>PEM-Dateien (*.pem *.crt *.key);;Alle Dateien (*)</translation>
        </message>
        <message>
            <source>Choose the certificate for %1</source>
            <translation>Das Zertifikat für %1 wählen</translation>
        </message>
        <message>
            <source>Choose the private key for %1</source>
            <translation>Den privaten Schlüssel für %1 wählen</translation>
        </message>
        <message>
            <source> days</source>
            <translation> Tage</translation>
        </message>
        <message>
            <source>each project's own</source>
            <translation>die des jeweiligen Projekts</translation>
        </message>
        <message>
            <source>Events older than this are removed from every project, whatever the project keeps (0: each project's own setting)</source>
            <translation>Ältere Events werden aus jedem Projekt entfernt, egal was das Projekt behält (0: die Einstellung des jeweiligen Projekts)</translation>
        </message>
        <message>
            <source> h</source>
            <translation> h</translation>
        </message>
        <message>
            <source>Multipart uploads left unfinished longer than this are removed</source>
            <translation>Multipart-Uploads, die länger unfertig bleiben, werden entfernt</translation>
        </message>
        <message>
            <source>keeps what clients store</source>
            <translation>behält, was Clients speichern</translation>
        </message>
        <message>
            <source>With a certificate and key a service serves HTTPS (and WSS) only, on the same port; Connect snippets and the .env then say https. Both apply when the service restarts.</source>
            <translation>Mit Zertifikat und Schlüssel spricht ein Dienst nur HTTPS (und WSS), auf demselben Port; Verbindungs-Snippets und die .env sagen dann https. Beides gilt, wenn der Dienst neu startet.</translation>
        </message>
        <message>
            <source>This console cannot move the data.</source>
            <translation>Diese Konsole kann die Daten nicht verschieben.</translation>
        </message>
        <message>
            <source>Not moved: %1</source>
            <translation>Nicht verschoben: %1</translation>
        </message>
        <message>
            <source>Moved to %1; the services run from there.</source>
            <translation>Nach %1 verschoben; die Dienste laufen von dort.</translation>
        </message>
        <message>
            <source>Moved to %1, with a warning: %2</source>
            <translation>Nach %1 verschoben, mit einer Warnung: %2</translation>
        </message>
        <message>
            <source>%1 needs both a TLS certificate and its key, or neither.</source>
            <translation>%1 braucht sowohl ein TLS-Zertifikat als auch dessen Schlüssel, oder keines von beiden.</translation>
        </message>
        <message>
            <source>%1: cannot read %2.</source>
            <translation>%1: %2 kann nicht gelesen werden.</translation>
        </message>
        <message>
            <source>Restart %1 to use the new settings.</source>
            <translation>Starten Sie %1 neu, um die neuen Einstellungen zu nutzen.</translation>
        </message>
        <message>
            <source>The log level applies now.</source>
            <translation>Die Log-Stufe gilt ab sofort.</translation>
        </message>
        <message>
            <source>The language changes when Homeport starts again.</source>
            <translation>Die Sprache ändert sich, wenn Homeport wieder startet.</translation>
        </message>
        <message>
            <source>Moving the data to %1…</source>
            <translation>Die Daten werden nach %1 verschoben…</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <source>Canceling; the data stays where it is…</source>
            <translation>Wird abgebrochen; die Daten bleiben, wo sie sind…</translation>
        </message>
        <message>
            <source>Moving the data</source>
            <translation>Daten werden verschoben</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::SnippetCard</name>
        <message>
            <source>Copy</source>
            <translation>Kopieren</translation>
        </message>
        <message>
            <source>Connect</source>
            <translation>Verbinden</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::Sparkline</name>
        <message>
            <source>seconds ago</source>
            <translation>Sekunden zuvor</translation>
        </message>
        <message>
            <source>requests / s</source>
            <translation>Anfragen / s</translation>
        </message>
        <message>
            <source>minutes ago</source>
            <translation>Minuten zuvor</translation>
        </message>
        <message>
            <source>hours ago</source>
            <translation>Stunden zuvor</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::StateLight</name>
        <message>
            <source>Failed to start.</source>
            <translation>Start fehlgeschlagen.</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::StorageAccessTab</name>
        <message>
            <source>Access keys</source>
            <translation>Zugriffsschlüssel</translation>
        </message>
        <message>
            <source>Keys for apps that should reach only some buckets, or only read them. The root key in secrets.json can do everything and is not listed.</source>
            <translation>Schlüssel für Apps, die nur manche Buckets erreichen oder nur lesen sollen. Der Root-Schlüssel in secrets.json kann alles und wird nicht aufgeführt.</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Access key</source>
            <translation>Zugriffsschlüssel</translation>
        </message>
        <message>
            <source>Buckets</source>
            <translation>Buckets</translation>
        </message>
        <message>
            <source>Access</source>
            <translation>Zugriff</translation>
        </message>
        <message>
            <source>Created</source>
            <translation>Angelegt</translation>
        </message>
        <message>
            <source>Name (e.g. website uploads)</source>
            <translation>Name (z. B. Website-Uploads)</translation>
        </message>
        <message>
            <source>Buckets, comma-separated (* for all)</source>
            <translation>Buckets, durch Kommas getrennt (* für alle)</translation>
        </message>
        <message>
            <source>Read-only</source>
            <translation>Nur lesen</translation>
        </message>
        <message>
            <source>Read-write</source>
            <translation>Lesen und schreiben</translation>
        </message>
        <message>
            <source>Create key</source>
            <translation>Schlüssel anlegen</translation>
        </message>
        <message>
            <source>Revoke</source>
            <translation>Widerrufen</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>Kopieren</translation>
        </message>
        <message>
            <source>Bucket settings</source>
            <translation>Bucket-Einstellungen</translation>
        </message>
        <message>
            <source>Bucket:</source>
            <translation>Bucket:</translation>
        </message>
        <message>
            <source>Public read: anyone can download objects by URL, without a key</source>
            <translation>Öffentlich lesbar: Jeder kann Objekte per URL herunterladen, ohne Schlüssel</translation>
        </message>
        <message>
            <source>…and list the bucket's objects</source>
            <translation>…und die Objekte des Buckets auflisten</translation>
        </message>
        <message>
            <source>Apply</source>
            <translation>Anwenden</translation>
        </message>
        <message>
            <source>CORS rules let web pages on other origins use the bucket (browser uploads need PUT or POST and ETag exposed).</source>
            <translation>CORS-Regeln lassen Webseiten anderer Herkünfte den Bucket nutzen (Browser-Uploads brauchen PUT oder POST und ein freigegebenes ETag).</translation>
        </message>
        <message>
            <source>Save CORS rules</source>
            <translation>CORS-Regeln speichern</translation>
        </message>
        <message>
            <source>Remove CORS rules</source>
            <translation>CORS-Regeln entfernen</translation>
        </message>
        <message>
            <source>Name at least one bucket, or * for every bucket.</source>
            <translation>Nennen Sie mindestens einen Bucket oder * für jeden Bucket.</translation>
        </message>
        <message>
            <source>Revoke access key</source>
            <translation>Zugriffsschlüssel widerrufen</translation>
        </message>
        <message>
            <source>Revoke %1 (%2)? Apps using it are refused from now on.</source>
            <translation>%1 (%2) widerrufen? Apps, die ihn verwenden, werden ab jetzt abgewiesen.</translation>
        </message>
        <message>
            <source>Key %1 made. Copy its secret now: it is shown only this once.</source>
            <translation>Schlüssel %1 angelegt. Kopieren Sie jetzt sein Secret: Es wird nur dieses eine Mal gezeigt.</translation>
        </message>
        <message>
            <source>Key revoked.</source>
            <translation>Schlüssel widerrufen.</translation>
        </message>
        <message>
            <source>Saved.</source>
            <translation>Gespeichert.</translation>
        </message>
        <message>
            <source>every bucket</source>
            <translation>jeder Bucket</translation>
        </message>
        <message>
            <source>No access keys yet: apps use the root key. To give an app less, name a key, list its buckets, choose its access and press Create key.</source>
            <translation>Noch keine Zugriffsschlüssel: Apps verwenden den Root-Schlüssel. Um einer App weniger zu erlauben, benennen Sie einen Schlüssel, nennen seine Buckets, wählen seinen Zugriff und drücken „Schlüssel anlegen“.</translation>
        </message>
        <message>
            <source>Access key ID, secret:</source>
            <translation>Zugriffsschlüssel-ID, Secret:</translation>
        </message>
        <message>
            <source>Copied</source>
            <translation>Kopiert</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::StoragePage</name>
        <message>
            <source>New bucket</source>
            <translation>Neuer Bucket</translation>
        </message>
        <message>
            <source>Bucket name (3-63 lower-case letters, digits, '-' or '.'):</source>
            <translation>Bucket-Name (3–63 Kleinbuchstaben, Ziffern, '-' oder '.'):</translation>
        </message>
        <message>
            <source>Buckets</source>
            <translation>Buckets</translation>
        </message>
        <message>
            <source>Browser</source>
            <translation>Browser</translation>
        </message>
        <message>
            <source>Access</source>
            <translation>Zugriff</translation>
        </message>
        <message>
            <source>Connect</source>
            <translation>Verbinden</translation>
        </message>
        <message>
            <source>Uploaded %1.</source>
            <translation>%1 hochgeladen.</translation>
        </message>
        <message>
            <source>Upload of %1 failed: %2</source>
            <translation>Hochladen von %1 fehlgeschlagen: %2</translation>
        </message>
        <message>
            <source>Uploaded %1 of %2 files.</source>
            <translation>%1 von %2 Dateien hochgeladen.</translation>
        </message>
        <message>
            <source>Saved %1 (%2).</source>
            <translation>%1 gespeichert (%2).</translation>
        </message>
        <message>
            <source>Download failed: %1</source>
            <translation>Herunterladen fehlgeschlagen: %1</translation>
        </message>
        <message>
            <source>Deleted %1.</source>
            <translation>%1 gelöscht.</translation>
        </message>
        <message>
            <source>Delete failed: %1</source>
            <translation>Löschen fehlgeschlagen: %1</translation>
        </message>
        <message>
            <source>%1 failed: %2</source>
            <translation>%1 fehlgeschlagen: %2</translation>
        </message>
        <message>
            <source>Objects</source>
            <translation>Objekte</translation>
        </message>
        <message>
            <source>Storage used</source>
            <translation>Belegter Speicher</translation>
        </message>
        <message>
            <source>The bytes of every object's current version; parts of unfinished multipart uploads are not counted.</source>
            <translation>Die Bytes der aktuellen Version jedes Objekts; Teile unfertiger Multipart-Uploads zählen nicht.</translation>
        </message>
        <message>
            <source>New bucket…</source>
            <translation>Neuer Bucket…</translation>
        </message>
        <message>
            <source>Browse</source>
            <translation>Durchsuchen</translation>
        </message>
        <message>
            <source>Bucket</source>
            <translation>Bucket</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Größe</translation>
        </message>
        <message>
            <source>Created</source>
            <translation>Angelegt</translation>
        </message>
        <message>
            <source>No buckets yet</source>
            <translation>Noch keine Buckets</translation>
        </message>
        <message>
            <source>Buckets hold your objects. Create one here, or with any S3 client (aws s3 mb s3://photos --endpoint-url ...).</source>
            <translation>Buckets enthalten Ihre Objekte. Legen Sie hier einen an oder mit einem beliebigen S3-Client (aws s3 mb s3://photos --endpoint-url ...).</translation>
        </message>
        <message>
            <source>Created bucket %1.</source>
            <translation>Bucket %1 angelegt.</translation>
        </message>
        <message>
            <source>Creating %1…</source>
            <translation>%1 wird angelegt…</translation>
        </message>
        <message>
            <source>Delete bucket</source>
            <translation>Bucket löschen</translation>
        </message>
        <message>
            <source>Delete the bucket %1? S3 deletes only empty buckets.</source>
            <translation>Den Bucket %1 löschen? S3 löscht nur leere Buckets.</translation>
        </message>
        <message>
            <source>Deleted bucket %1.</source>
            <translation>Bucket %1 gelöscht.</translation>
        </message>
        <message>
            <source>bytes</source>
            <translation>Bytes</translation>
        </message>
        <message>
            <source>KiB</source>
            <translation>KiB</translation>
        </message>
        <message>
            <source>MiB</source>
            <translation>MiB</translation>
        </message>
        <message>
            <source>GiB</source>
            <translation>GiB</translation>
        </message>
        <message>
            <source>TiB</source>
            <translation>TiB</translation>
        </message>
        <message>
            <source>%1 stored</source>
            <translation>%1 gespeichert</translation>
        </message>
        <message>
            <source>now %1</source>
            <translation>jetzt %1</translation>
        </message>
        <message>
            <source>Up</source>
            <translation>Hoch</translation>
        </message>
        <message>
            <source>To the enclosing folder</source>
            <translation>Zum übergeordneten Ordner</translation>
        </message>
        <message>
            <source>Upload…</source>
            <translation>Hochladen…</translation>
        </message>
        <message>
            <source>Download…</source>
            <translation>Herunterladen…</translation>
        </message>
        <message>
            <source>Delete…</source>
            <translation>Löschen…</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Aktualisieren</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Last modified</source>
            <translation>Zuletzt geändert</translation>
        </message>
        <message>
            <source>Object</source>
            <translation>Objekt</translation>
        </message>
        <message>
            <source>Select an object to see its metadata.</source>
            <translation>Wählen Sie ein Objekt, um seine Metadaten zu sehen.</translation>
        </message>
        <message>
            <source>Expires in</source>
            <translation>Läuft ab in</translation>
        </message>
        <message>
            <source> min</source>
            <translation> min</translation>
        </message>
        <message>
            <source>Generate</source>
            <translation>Erzeugen</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>Kopieren</translation>
        </message>
        <message>
            <source>Copied</source>
            <translation>Kopiert</translation>
        </message>
        <message>
            <source>Anyone with the URL can download the object until it expires; the URL is signed with the service's access key.</source>
            <translation>Jeder mit der URL kann das Objekt bis zum Ablauf herunterladen; die URL ist mit dem Zugriffsschlüssel des Dienstes signiert.</translation>
        </message>
        <message>
            <source>Load more</source>
            <translation>Mehr laden</translation>
        </message>
        <message>
            <source>No bucket to browse. Create a bucket on the Buckets tab.</source>
            <translation>Kein Bucket zum Durchsuchen. Legen Sie im Reiter Buckets einen an.</translation>
        </message>
        <message>
            <source>The listing failed: %1</source>
            <translation>Die Auflistung schlug fehl: %1</translation>
        </message>
        <message>
            <source>The bucket %1 is empty. Upload a file, or drop files here, to add objects.</source>
            <translation>Der Bucket %1 ist leer. Laden Sie eine Datei hoch oder ziehen Sie Dateien hierher, um Objekte hinzuzufügen.</translation>
        </message>
        <message>
            <source>Nothing under %1. Drop files here to upload them into it.</source>
            <translation>Nichts unter %1. Ziehen Sie Dateien hierher, um sie hineinzuladen.</translation>
        </message>
        <message>
            <source>Load more (%1 shown)</source>
            <translation>Mehr laden (%1 angezeigt)</translation>
        </message>
        <message>
            <source>%1

No metadata: %2</source>
            <translation>%1

Keine Metadaten: %2</translation>
        </message>
        <message>
            <source>the object is gone.</source>
            <translation>das Objekt ist weg.</translation>
        </message>
        <message>
            <source>Key: %1</source>
            <translation>Schlüssel: %1</translation>
        </message>
        <message>
            <source>Size: %1 (%2 bytes)</source>
            <translation>Größe: %1 (%2 Bytes)</translation>
        </message>
        <message>
            <source>Upload to s3://%1/%2</source>
            <translation>Nach s3://%1/%2 hochladen</translation>
        </message>
        <message>
            <source>Cannot read %1: %2</source>
            <translation>%1 kann nicht gelesen werden: %2</translation>
        </message>
        <message>
            <source>Uploading %1…</source>
            <translation>%1 wird hochgeladen…</translation>
        </message>
        <message numerus="yes">
            <source>Uploading %1 (%n more waiting)…</source>
            <translation>
                <numerusform>%1 wird hochgeladen (%n weitere warten)…</numerusform>
                <numerusform>%1 wird hochgeladen (%n weitere warten)…</numerusform>
            </translation>
        </message>
        <message>
            <source>Save %1</source>
            <translation>%1 speichern</translation>
        </message>
        <message>
            <source>Downloading %1…</source>
            <translation>%1 wird heruntergeladen…</translation>
        </message>
        <message>
            <source>Delete object</source>
            <translation>Objekt löschen</translation>
        </message>
        <message>
            <source>Delete s3://%1/%2? This cannot be undone.</source>
            <translation>s3://%1/%2 löschen? Das lässt sich nicht rückgängig machen.</translation>
        </message>
        <message>
            <source>JavaScript (@aws-sdk/client-s3)</source>
            <translation>JavaScript (@aws-sdk/client-s3)</translation>
        </message>
        <message>
            <source>Python (boto3)</source>
            <translation>Python (boto3)</translation>
        </message>
        <message>
            <source>Laravel (.env)</source>
            <translation>Laravel (.env)</translation>
        </message>
        <message>
            <source>Copied. It holds the service's secret key: keep it out of browsers and commits.</source>
            <translation>Kopiert. Es enthält den geheimen Schlüssel des Dienstes: Halten Sie es aus Browsern und Commits heraus.</translation>
        </message>
        <message>
            <source>The storage service is not connected to this console.</source>
            <translation>Der Storage-Dienst ist nicht mit dieser Konsole verbunden.</translation>
        </message>
        <message>
            <source>Storage failed to start: %1. The tables show its last known state.</source>
            <translation>Storage ließ sich nicht starten: %1. Die Tabellen zeigen den letzten bekannten Stand.</translation>
        </message>
        <message>
            <source>Storage is %1. Buckets load and requests are answered once it runs.</source>
            <translation>Storage ist %1. Buckets werden geladen und Anfragen beantwortet, sobald er läuft.</translation>
        </message>
        <message>
            <source>Storage used, %1</source>
            <translation>Belegter Speicher, %1</translation>
        </message>
        <message>
            <source>Presigned URL</source>
            <translation>Vorsignierte URL</translation>
        </message>
        <message>
            <source>GET (download)</source>
            <translation>GET (Herunterladen)</translation>
        </message>
        <message>
            <source>PUT (upload)</source>
            <translation>PUT (Hochladen)</translation>
        </message>
        <message>
            <source>key, e.g. reports/2024.pdf</source>
            <translation>Schlüssel, z. B. reports/2024.pdf</translation>
        </message>
        <message>
            <source>The selected object's key; for PUT, type a new key to let someone upload it</source>
            <translation>Der Schlüssel des gewählten Objekts; für PUT einen neuen Schlüssel eingeben, unter dem jemand hochladen darf</translation>
        </message>
        <message>
            <source>Generate puts the URL here.</source>
            <translation>„Erzeugen“ legt die URL hier ab.</translation>
        </message>
        <message>
            <source>Anyone with the URL can upload one object to this key until it expires (curl -T file 'URL'); the URL is signed with the service's access key.</source>
            <translation>Jeder mit der URL kann bis zu ihrem Ablauf ein Objekt unter diesem Schlüssel hochladen (curl -T datei 'URL'); die URL ist mit dem Zugriffsschlüssel des Dienstes signiert.</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <source>Stop this transfer; files still waiting are not uploaded</source>
            <translation>Diese Übertragung beenden; noch wartende Dateien werden nicht hochgeladen</translation>
        </message>
        <message>
            <source>Upload of %1 cancelled.</source>
            <translation>Hochladen von %1 abgebrochen.</translation>
        </message>
        <message numerus="yes">
            <source>Upload of %1 cancelled, and %n file(s) waiting behind it not uploaded.</source>
            <translation>
                <numerusform>Hochladen von %1 abgebrochen; %n wartende Datei wurde nicht hochgeladen.</numerusform>
                <numerusform>Hochladen von %1 abgebrochen; %n wartende Dateien wurden nicht hochgeladen.</numerusform>
            </translation>
        </message>
        <message>
            <source>Download of %1 cancelled.</source>
            <translation>Herunterladen nach %1 abgebrochen.</translation>
        </message>
        <message>
            <source>%1 of %2 (%p%)</source>
            <translation>%1 von %2 (%p %)</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::TableFilter</name>
        <message>
            <source>Filter this table…</source>
            <translation>Diese Tabelle filtern…</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::Theme</name>
        <message>
            <source>running</source>
            <translation>läuft</translation>
        </message>
        <message>
            <source>starting</source>
            <translation>startet</translation>
        </message>
        <message>
            <source>stopping</source>
            <translation>stoppt</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>fehlgeschlagen</translation>
        </message>
        <message>
            <source>stopped</source>
            <translation>gestoppt</translation>
        </message>
        <message>
            <source>%1 s</source>
            <translation>%1 s</translation>
        </message>
        <message>
            <source>%1 min %2 s</source>
            <translation>%1 min %2 s</translation>
        </message>
        <message>
            <source>%1 h %2 min</source>
            <translation>%1 h %2 min</translation>
        </message>
        <message>
            <source>%1 d %2 h</source>
            <translation>%1 T %2 h</translation>
        </message>
        <message>
            <source>%1 req/s</source>
            <translation>%1 Anfr./s</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::TrayIcon</name>
        <message>
            <source>Show Homeport</source>
            <translation>Homeport anzeigen</translation>
        </message>
        <message>
            <source>Start all services</source>
            <translation>Alle Dienste starten</translation>
        </message>
        <message>
            <source>Stop all services</source>
            <translation>Alle Dienste stoppen</translation>
        </message>
        <message>
            <source>Quit Homeport</source>
            <translation>Homeport beenden</translation>
        </message>
        <message>
            <source>Homeport — %1</source>
            <translation>Homeport – %1</translation>
        </message>
        <message>
            <source>Copy .env for Laravel</source>
            <translation>.env für Laravel kopieren</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::WelcomeDialog</name>
        <message>
            <source>Don't show this again</source>
            <translation>Nicht mehr anzeigen</translation>
        </message>
        <message>
            <source>Welcome to Homeport</source>
            <translation>Willkommen bei Homeport</translation>
        </message>
        <message>
            <source>Your stack is starting</source>
            <translation>Ihr Stack startet</translation>
        </message>
        <message>
            <source>Five services run on this computer, each speaking the protocol of a managed product. Point an app at them by changing its endpoint and key, never its code.</source>
            <translation>Fünf Dienste laufen auf diesem Rechner, jeder spricht das Protokoll eines verwalteten Produkts. Richten Sie eine App darauf, indem Sie Endpunkt und Schlüssel ändern, nie ihren Code.</translation>
        </message>
        <message>
            <source>%1 (for %2)</source>
            <translation>%1 (für %2)</translation>
        </message>
        <message>
            <source>Connect your app</source>
            <translation>Ihre App verbinden</translation>
        </message>
        <message>
            <source>Laravel .env</source>
            <translation>Laravel .env</translation>
        </message>
        <message>
            <source>Node</source>
            <translation>Node</translation>
        </message>
        <message>
            <source>Python</source>
            <translation>Python</translation>
        </message>
        <message>
            <source>Shell</source>
            <translation>Shell</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>Kopieren</translation>
        </message>
        <message>
            <source>Copied to the clipboard.</source>
            <translation>In die Zwischenablage kopiert.</translation>
        </message>
        <message>
            <source>The same text as `homeport --print-env`; every service's Connect button shows its own part.</source>
            <translation>Derselbe Text wie `homeport --print-env`; der Verbinden-Knopf jedes Dienstes zeigt seinen eigenen Teil.</translation>
        </message>
        <message>
            <source>Start all</source>
            <translation>Alle starten</translation>
        </message>
        <message>
            <source>Open the console</source>
            <translation>Die Konsole öffnen</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1: %2</translation>
        </message>
    </context>
</TS>
