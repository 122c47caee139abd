<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>homeport::ui::ConnectDialog</name>
    <message>
        <location filename="../ui/connect_dialog.cpp" line="29"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../ui/connect_dialog.cpp" line="35"/>
        <source>Connect to %1</source>
        <translation>Mit %1 verbinden</translation>
    </message>
    <message>
        <location filename="../ui/connect_dialog.cpp" line="41"/>
        <source>Homeport %1 speaks the %2. Point your app&apos;s %3 client at it with these settings; the keys were generated for this installation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connect_dialog.cpp" line="51"/>
        <source>%1 is not running (%2). Start it before your app connects.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connect_dialog.cpp" line="52"/>
        <source>%1 is %2. Start it before your app connects.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connect_dialog.cpp" line="58"/>
        <source>Paste into your Laravel app&apos;s .env file, then run “php artisan config:clear”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connect_dialog.cpp" line="59"/>
        <source>Paste into the Node.js module that creates the client.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connect_dialog.cpp" line="60"/>
        <source>Paste into the Python module that creates the client.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connect_dialog.cpp" line="61"/>
        <source>Paste into a shell (or your ~/.profile) before running scripts and command-line tools.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connect_dialog.cpp" line="63"/>
        <source>Laravel .env</source>
        <translation>Laravel .env</translation>
    </message>
    <message>
        <location filename="../ui/connect_dialog.cpp" line="63"/>
        <source>Node</source>
        <translation>Node</translation>
    </message>
    <message>
        <location filename="../ui/connect_dialog.cpp" line="63"/>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <location filename="../ui/connect_dialog.cpp" line="63"/>
        <source>Shell</source>
        <translation>Shell</translation>
    </message>
    <message>
        <location filename="../ui/connect_dialog.cpp" line="79"/>
        <source>No client settings are known for this service.</source>
        <translation>Für diesen Dienst sind keine Client-Einstellungen bekannt.</translation>
    </message>
    <message>
        <location filename="../ui/connect_dialog.cpp" line="134"/>
        <source>Copied to the clipboard.</source>
        <translation>In die Zwischenablage kopiert.</translation>
    </message>
</context>
<context>
    <name>homeport::ui::CounterModel</name>
    <message>
        <location filename="../ui/counter_model.cpp" line="133"/>
        <source>Counter</source>
        <translation>Zähler</translation>
    </message>
    <message>
        <location filename="../ui/counter_model.cpp" line="135"/>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <location filename="../ui/counter_model.cpp" line="137"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
</context>
<context>
    <name>homeport::ui::HealthSummary</name>
    <message>
        <location filename="../ui/health_summary.cpp" line="26"/>
        <source>%1 failed</source>
        <translation>%1 fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/health_summary.cpp" line="27"/>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location filename="../ui/health_summary.cpp" line="36"/>
        <source>No services configured</source>
        <translation>Keine Dienste konfiguriert</translation>
    </message>
    <message>
        <location filename="../ui/health_summary.cpp" line="50"/>
        <source>The service is running</source>
        <translation>Der Dienst läuft</translation>
    </message>
    <message>
        <location filename="../ui/health_summary.cpp" line="50"/>
        <source>All %1 services running</source>
        <translation>Alle %1 Dienste laufen</translation>
    </message>
    <message>
        <location filename="../ui/health_summary.cpp" line="52"/>
        <source>The service is stopped</source>
        <translation>Der Dienst ist gestoppt</translation>
    </message>
    <message>
        <location filename="../ui/health_summary.cpp" line="52"/>
        <source>All services stopped</source>
        <translation>Alle Dienste gestoppt</translation>
    </message>
    <message>
        <location filename="../ui/health_summary.cpp" line="54"/>
        <source>%1 of %2 services running</source>
        <translation>%1 von %2 Diensten laufen</translation>
    </message>
    <message>
        <location filename="../ui/health_summary.cpp" line="58"/>
        <source>%1 starting or stopping</source>
        <translation>%1 starten oder stoppen</translation>
    </message>
</context>
<context>
    <name>homeport::ui::LogModel</name>
    <message>
        <location filename="../ui/log_model.cpp" line="111"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../ui/log_model.cpp" line="113"/>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <location filename="../ui/log_model.cpp" line="115"/>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <location filename="../ui/log_model.cpp" line="117"/>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>homeport::ui::LogsPage</name>
    <message>
        <location filename="../ui/logs_page.cpp" line="27"/>
        <source>Follow new lines</source>
        <translation>Neuen Zeilen folgen</translation>
    </message>
    <message>
        <location filename="../ui/logs_page.cpp" line="34"/>
        <source>Logs</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../ui/logs_page.cpp" line="36"/>
        <source>Everything Homeport and its services log, newest last. Headless servers write the same lines to stderr (journald).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/logs_page.cpp" line="43"/>
        <source>Debug and above</source>
        <translation>Debug und höher</translation>
    </message>
    <message>
        <location filename="../ui/logs_page.cpp" line="44"/>
        <source>Info and above</source>
        <translation>Info und höher</translation>
    </message>
    <message>
        <location filename="../ui/logs_page.cpp" line="45"/>
        <source>Warnings and above</source>
        <translation>Warnungen und höher</translation>
    </message>
    <message>
        <location filename="../ui/logs_page.cpp" line="46"/>
        <source>Errors only</source>
        <translation>Nur Fehler</translation>
    </message>
    <message>
        <location filename="../ui/logs_page.cpp" line="49"/>
        <source>Filter by text or category…</source>
        <translation>Nach Text oder Kategorie filtern…</translation>
    </message>
    <message>
        <location filename="../ui/logs_page.cpp" line="53"/>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <location filename="../ui/logs_page.cpp" line="55"/>
        <source>Clears this view; the log itself is kept</source>
        <translation>Leert diese Ansicht; das Protokoll selbst bleibt erhalten</translation>
    </message>
    <message>
        <location filename="../ui/logs_page.cpp" line="58"/>
        <source>Level:</source>
        <translation>Stufe:</translation>
    </message>
    <message>
        <location filename="../ui/logs_page.cpp" line="170"/>
        <source>%1 of %2 lines shown</source>
        <translation>%1 von %2 Zeilen angezeigt</translation>
    </message>
    <message>
        <location filename="../ui/logs_page.cpp" line="172"/>
        <source>No log lines yet.</source>
        <translation>Noch keine Protokollzeilen.</translation>
    </message>
    <message>
        <location filename="../ui/logs_page.cpp" line="174"/>
        <source>No lines match the filter.</source>
        <translation>Keine Zeile passt zum Filter.</translation>
    </message>
</context>
<context>
    <name>homeport::ui::MainWindow</name>
    <message>
        <location filename="../ui/main_window.cpp" line="69"/>
        <location filename="../ui/main_window.cpp" line="158"/>
        <source>Homeport</source>
        <translation>Homeport</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="87"/>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="95"/>
        <source>Logs</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="97"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="118"/>
        <source>Admin API %1</source>
        <translation>Admin-API %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="174"/>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="181"/>
        <source>Data folder: %1</source>
        <translation>Datenordner: %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="313"/>
        <source>Homeport is still running</source>
        <translation>Homeport läuft weiter</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="314"/>
        <source>Your services keep running. Open the console or quit from the tray icon.</source>
        <translation>Ihre Dienste laufen weiter. Öffnen Sie die Konsole oder beenden Sie Homeport über das Symbol im Infobereich.</translation>
    </message>
</context>
<context>
    <name>homeport::ui::OverviewPage</name>
    <message>
        <location filename="../ui/overview_page.cpp" line="28"/>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location filename="../ui/overview_page.cpp" line="36"/>
        <source>Start all</source>
        <translation>Alle starten</translation>
    </message>
    <message>
        <location filename="../ui/overview_page.cpp" line="38"/>
        <source>Stop all</source>
        <translation>Alle stoppen</translation>
    </message>
    <message>
        <location filename="../ui/overview_page.cpp" line="54"/>
        <source>Admin API: http://%1 (/health, /status, /metrics)</source>
        <translation>Admin-API: http://%1 (/health, /status, /metrics)</translation>
    </message>
    <message>
        <location filename="../ui/overview_page.cpp" line="57"/>
        <source>Data: %1</source>
        <translation>Daten: %1</translation>
    </message>
</context>
<context>
    <name>homeport::ui::ServiceCard</name>
    <message>
        <location filename="../ui/service_card.cpp" line="31"/>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <location filename="../ui/service_card.cpp" line="32"/>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <location filename="../ui/service_card.cpp" line="33"/>
        <source>Restart</source>
        <translation>Neu starten</translation>
    </message>
    <message>
        <location filename="../ui/service_card.cpp" line="34"/>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location filename="../ui/service_card.cpp" line="45"/>
        <source>Open the %1 page</source>
        <translation>Seite %1 öffnen</translation>
    </message>
    <message>
        <location filename="../ui/service_card.cpp" line="53"/>
        <source>replaces %1 · %2</source>
        <translation>ersetzt %1 · %2</translation>
    </message>
    <message>
        <location filename="../ui/service_card.cpp" line="72"/>
        <source>Settings to paste into your app</source>
        <translation>Einstellungen zum Einfügen in Ihre App</translation>
    </message>
    <message>
        <location filename="../ui/service_card.cpp" line="91"/>
        <source>Requests, last 2 minutes</source>
        <translation>Anfragen, letzte 2 Minuten</translation>
    </message>
    <message>
        <location filename="../ui/service_card.cpp" line="139"/>
        <source>Failed to start.</source>
        <translation>Start fehlgeschlagen.</translation>
    </message>
    <message>
        <location filename="../ui/service_card.cpp" line="144"/>
        <source>Listening on %1</source>
        <translation>Lauscht auf %1</translation>
    </message>
    <message>
        <location filename="../ui/service_card.cpp" line="149"/>
        <source>%1 (not listening)</source>
        <translation>%1 (lauscht nicht)</translation>
    </message>
    <message>
        <location filename="../ui/service_card.cpp" line="150"/>
        <source>Configured address; the service is not listening</source>
        <translation>Konfigurierte Adresse; der Dienst lauscht nicht</translation>
    </message>
    <message>
        <location filename="../ui/service_card.cpp" line="152"/>
        <source>not listening</source>
        <translation>lauscht nicht</translation>
    </message>
    <message>
        <location filename="../ui/service_card.cpp" line="170"/>
        <source>up %1</source>
        <translation>läuft seit %1</translation>
    </message>
</context>
<context>
    <name>homeport::ui::ServicePage</name>
    <message>
        <location filename="../ui/service_page.cpp" line="42"/>
        <source>Your apps, their live connections and the traffic on each channel will appear here.</source>
        <translation>Hier erscheinen Ihre Apps, ihre aktiven Verbindungen und der Verkehr auf jedem Kanal.</translation>
    </message>
    <message>
        <location filename="../ui/service_page.cpp" line="44"/>
        <source>Issues, grouped from the error events your apps send, will appear here.</source>
        <translation>Hier erscheinen Issues, gruppiert aus den Fehlerereignissen Ihrer Apps.</translation>
    </message>
    <message>
        <location filename="../ui/service_page.cpp" line="46"/>
        <source>Your collections and their documents will appear here.</source>
        <translation>Hier erscheinen Ihre Collections und deren Dokumente.</translation>
    </message>
    <message>
        <location filename="../ui/service_page.cpp" line="48"/>
        <source>Your buckets and an object browser will appear here.</source>
        <translation>Hier erscheinen Ihre Buckets und ein Objekt-Browser.</translation>
    </message>
    <message>
        <location filename="../ui/service_page.cpp" line="50"/>
        <source>Your GPU pods, their health and token throughput will appear here.</source>
        <translation>Hier erscheinen Ihre GPU-Pods, ihr Zustand und ihr Token-Durchsatz.</translation>
    </message>
    <message>
        <location filename="../ui/service_page.cpp" line="51"/>
        <source>This service&apos;s dashboard will appear here.</source>
        <translation>Hier erscheint das Dashboard dieses Dienstes.</translation>
    </message>
    <message>
        <location filename="../ui/service_page.cpp" line="66"/>
        <source>No requests yet. Counters appear with the first request.</source>
        <translation>Noch keine Anfragen. Zähler erscheinen mit der ersten Anfrage.</translation>
    </message>
    <message>
        <location filename="../ui/service_page.cpp" line="71"/>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <location filename="../ui/service_page.cpp" line="72"/>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <location filename="../ui/service_page.cpp" line="73"/>
        <source>Restart</source>
        <translation>Neu starten</translation>
    </message>
    <message>
        <location filename="../ui/service_page.cpp" line="82"/>
        <source>replaces %1 · %2</source>
        <translation>ersetzt %1 · %2</translation>
    </message>
    <message>
        <location filename="../ui/service_page.cpp" line="84"/>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location filename="../ui/service_page.cpp" line="135"/>
        <source>Requests per second, last 5 minutes</source>
        <translation>Anfragen pro Sekunde, letzte 5 Minuten</translation>
    </message>
    <message>
        <location filename="../ui/service_page.cpp" line="166"/>
        <source>Counters</source>
        <translation>Zähler</translation>
    </message>
    <message>
        <location filename="../ui/service_page.cpp" line="177"/>
        <source>%1 dashboard</source>
        <translation>%1-Dashboard</translation>
    </message>
    <message>
        <location filename="../ui/service_page.cpp" line="179"/>
        <source>Meanwhile, connect an app: Homeport %1 speaks the %2, so your existing %3 client works once you point it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/service_page.cpp" line="184"/>
        <source>Connect an app…</source>
        <translation>App verbinden…</translation>
    </message>
    <message>
        <location filename="../ui/service_page.cpp" line="239"/>
        <source>Failed to start.</source>
        <translation>Start fehlgeschlagen.</translation>
    </message>
    <message>
        <location filename="../ui/service_page.cpp" line="242"/>
        <source>listening on %1</source>
        <translation>lauscht auf %1</translation>
    </message>
    <message>
        <location filename="../ui/service_page.cpp" line="244"/>
        <source>configured for %1:%2, not listening</source>
        <translation>konfiguriert für %1:%2, lauscht nicht</translation>
    </message>
    <message>
        <location filename="../ui/service_page.cpp" line="248"/>
        <source>not listening</source>
        <translation>lauscht nicht</translation>
    </message>
    <message>
        <location filename="../ui/service_page.cpp" line="251"/>
        <location filename="../ui/service_page.cpp" line="268"/>
        <source>up %1</source>
        <translation>läuft seit %1</translation>
    </message>
</context>
<context>
    <name>homeport::ui::SettingsPage</name>
    <message>
        <location filename="../ui/settings_page.cpp" line="67"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="68"/>
        <source>Restart changed services</source>
        <translation>Geänderte Dienste neu starten</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="72"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="75"/>
        <source>Saved to %1. Command-line flags and HOMEPORT_* environment variables win over this file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="77"/>
        <source>homeport.ini</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="84"/>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="88"/>
        <source>127.0.0.1 keeps the services private to this computer; 0.0.0.0 lets other machines on your network connect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="95"/>
        <source>Serves /health, /status and /metrics. Moves at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="96"/>
        <source>Now at http://%1 (/health, /status, /metrics). Moves at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="105"/>
        <source>Bind address</source>
        <translation>Bind-Adresse</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="108"/>
        <source>Admin API port</source>
        <translation>Port der Admin-API</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="113"/>
        <source>Services</source>
        <translation>Dienste</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="118"/>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="118"/>
        <source>Start at launch</source>
        <translation>Beim Start starten</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="118"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="118"/>
        <source>Comes from</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="127"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="131"/>
        <source>Start %1 when Homeport starts</source>
        <translation>%1 beim Start von Homeport starten</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="145"/>
        <source>A new port applies when the service restarts; “start at launch” applies at the next start of Homeport.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="153"/>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="155"/>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="158"/>
        <source>Choose the data folder</source>
        <translation>Datenordner auswählen</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="165"/>
        <source>Settings, keys and every service&apos;s data live here. A new folder applies at the next start of Homeport; nothing is moved, the new folder starts empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="173"/>
        <source>Data folder</source>
        <translation>Datenordner</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="179"/>
        <source>Revert</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="232"/>
        <source>Set by a command-line flag, which wins over this file; change it there.</source>
        <translation>Durch eine Befehlszeilenoption gesetzt, die Vorrang vor dieser Datei hat; dort ändern.</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="234"/>
        <source>Set by %1 in the environment, which wins over this file; change it there.</source>
        <translation>Durch %1 in der Umgebung gesetzt, die Vorrang vor dieser Datei hat; dort ändern.</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="237"/>
        <source>saved in homeport.ini</source>
        <translation>in homeport.ini gespeichert</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="238"/>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="269"/>
        <source>Port: %1</source>
        <translation>Port: %1</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="271"/>
        <source>Start at launch: %1</source>
        <translation>Beim Start starten: %1</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="273"/>
        <source>port %1, start at launch %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="294"/>
        <source>“%1” is not an IP address. Use 127.0.0.1 (this computer only), 0.0.0.0 (all IPv4 interfaces) or one of this computer&apos;s addresses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="298"/>
        <source>the admin API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="304"/>
        <source>%1 and %2 both use port %3; each needs a port of its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="359"/>
        <source>Homeport will keep its data in %1 from its next start.</source>
        <translation>Homeport speichert seine Daten ab dem nächsten Start in %1.</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="362"/>
        <source>The admin API moves to port %1 at the next start.</source>
        <translation>Die Admin-API wechselt beim nächsten Start auf Port %1.</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="376"/>
        <source>Could not save: %1</source>
        <translation>Speichern fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="381"/>
        <source>Restart %1 to use the new address.</source>
        <translation>Starten Sie %1 neu, um die neue Adresse zu verwenden.</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="382"/>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.cpp" line="392"/>
        <source>Restarting %1…</source>
        <translation>%1 wird neu gestartet…</translation>
    </message>
</context>
<context>
    <name>homeport::ui::Sparkline</name>
    <message>
        <location filename="../ui/sparkline.cpp" line="57"/>
        <source>seconds ago</source>
        <translation>Sekunden zuvor</translation>
    </message>
    <message>
        <location filename="../ui/sparkline.cpp" line="58"/>
        <source>requests / s</source>
        <translation>Anfragen / s</translation>
    </message>
</context>
<context>
    <name>homeport::ui::Theme</name>
    <message>
        <location filename="../ui/theme.cpp" line="27"/>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <location filename="../ui/theme.cpp" line="29"/>
        <source>starting</source>
        <translation>startet</translation>
    </message>
    <message>
        <location filename="../ui/theme.cpp" line="31"/>
        <source>stopping</source>
        <translation>stoppt</translation>
    </message>
    <message>
        <location filename="../ui/theme.cpp" line="33"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/theme.cpp" line="37"/>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <location filename="../ui/theme.cpp" line="43"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../ui/theme.cpp" line="45"/>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location filename="../ui/theme.cpp" line="47"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../ui/theme.cpp" line="48"/>
        <source>%1 d %2 h</source>
        <translation>%1 T %2 h</translation>
    </message>
    <message>
        <location filename="../ui/theme.cpp" line="55"/>
        <source>%1 req/s</source>
        <translation>%1 Anfr./s</translation>
    </message>
</context>
<context>
    <name>homeport::ui::TrayIcon</name>
    <message>
        <location filename="../ui/tray_icon.cpp" line="17"/>
        <source>Show Homeport</source>
        <translation>Homeport anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/tray_icon.cpp" line="19"/>
        <source>Start all services</source>
        <translation>Alle Dienste starten</translation>
    </message>
    <message>
        <location filename="../ui/tray_icon.cpp" line="20"/>
        <source>Stop all services</source>
        <translation>Alle Dienste stoppen</translation>
    </message>
    <message>
        <location filename="../ui/tray_icon.cpp" line="22"/>
        <source>Quit Homeport</source>
        <translation>Homeport beenden</translation>
    </message>
    <message>
        <location filename="../ui/tray_icon.cpp" line="72"/>
        <source>Homeport — %1</source>
        <translation>Homeport — %1</translation>
    </message>
</context>
</TS>
