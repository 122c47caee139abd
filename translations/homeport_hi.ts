<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="hi_IN">
    <context>
        <name>AgeText</name>
        <message>
            <source>%1 s ago</source>
            <translation>%1 सेकंड पहले</translation>
        </message>
        <message>
            <source>%1 min ago</source>
            <translation>%1 मिनट पहले</translation>
        </message>
        <message>
            <source>%1 h ago</source>
            <translation>%1 घंटे पहले</translation>
        </message>
        <message>
            <source>%1 d ago</source>
            <translation>%1 दिन पहले</translation>
        </message>
    </context>
    <context>
        <name>QObject</name>
        <message>
            <source>Edit…</source>
            <translation>संपादित करें…</translation>
        </message>
        <message>
            <source>Delete…</source>
            <translation>हटाएँ…</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ChannelsAppEditor</name>
        <message>
            <source>Enabled (clients may connect)</source>
            <translation>सक्रिय (क्लाइंट जुड़ सकते हैं)</translation>
        </message>
        <message>
            <source>New Channels app</source>
            <translation>नया Channels ऐप</translation>
        </message>
        <message>
            <source>Edit app “%1”</source>
            <translation>ऐप “%1” संपादित करें</translation>
        </message>
        <message>
            <source>e.g. my-laravel-app</source>
            <translation>जैसे my-laravel-app</translation>
        </message>
        <message>
            <source>App</source>
            <translation>ऐप</translation>
        </message>
        <message>
            <source>Name:</source>
            <translation>नाम:</translation>
        </message>
        <message>
            <source>The id, key and secret are generated when the app is created.</source>
            <translation>ऐप बनाते समय id, कुंजी और सीक्रेट बनाए जाते हैं।</translation>
        </message>
        <message>
            <source>App id:</source>
            <translation>ऐप id:</translation>
        </message>
        <message>
            <source>%1 · key %2</source>
            <translation>%1 · कुंजी %2</translation>
        </message>
        <message>
            <source>Limits</source>
            <translation>सीमाएँ</translation>
        </message>
        <message>
            <source>unlimited</source>
            <translation>असीमित</translation>
        </message>
        <message>
            <source>Allow client events</source>
            <translation>क्लाइंट इवेंट की अनुमति दें</translation>
        </message>
        <message>
            <source>client-* events sent by browsers on private and presence channels</source>
            <translation>client-* इवेंट जो ब्राउज़र निजी और प्रेज़ेंस चैनलों पर भेजते हैं</translation>
        </message>
        <message>
            <source> per second</source>
            <translation> प्रति सेकंड</translation>
        </message>
        <message>
            <source> bytes</source>
            <translation> बाइट</translation>
        </message>
        <message>
            <source> characters</source>
            <translation> अक्षर</translation>
        </message>
        <message>
            <source>Max connections:</source>
            <translation>अधिकतम कनेक्शन:</translation>
        </message>
        <message>
            <source>Client events:</source>
            <translation>क्लाइंट इवेंट:</translation>
        </message>
        <message>
            <source>Max presence members:</source>
            <translation>अधिकतम प्रेज़ेंस सदस्य:</translation>
        </message>
        <message>
            <source>Max event size:</source>
            <translation>अधिकतम इवेंट आकार:</translation>
        </message>
        <message>
            <source>Max channel name:</source>
            <translation>अधिकतम चैनल नाम:</translation>
        </message>
        <message>
            <source>REST publishes:</source>
            <translation>REST प्रकाशन:</translation>
        </message>
        <message>
            <source>Webhooks</source>
            <translation>वेबहुक</translation>
        </message>
        <message>
            <source>https://example.com/pusher/webhook (empty: no webhooks)</source>
            <translation>https://example.com/pusher/webhook (खाली: कोई वेबहुक नहीं)</translation>
        </message>
        <message>
            <source>Requests are signed with the app's key and secret (X-Pusher-Key, X-Pusher-Signature), as Pusher's SDKs verify them.</source>
            <translation>अनुरोध ऐप की कुंजी और सीक्रेट से हस्ताक्षरित होते हैं (X-Pusher-Key, X-Pusher-Signature), जैसे Pusher के SDK उन्हें जाँचते हैं।</translation>
        </message>
        <message>
            <source>URL:</source>
            <translation>URL:</translation>
        </message>
        <message>
            <source>Give the app a name.</source>
            <translation>ऐप को एक नाम दें।</translation>
        </message>
        <message>
            <source>The webhook URL must be an http:// or https:// address.</source>
            <translation>वेबहुक URL एक http:// या https:// पता होना चाहिए।</translation>
        </message>
        <message>
            <source>Choose at least one webhook event, or clear the URL.</source>
            <translation>कम से कम एक वेबहुक इवेंट चुनें, या URL खाली करें।</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ChannelsAppModel</name>
        <message>
            <source>≤ %1 connections</source>
            <translation>≤ %1 कनेक्शन</translation>
        </message>
        <message>
            <source>unlimited connections</source>
            <translation>असीमित कनेक्शन</translation>
        </message>
        <message>
            <source>client events %1/s</source>
            <translation>क्लाइंट इवेंट %1/s</translation>
        </message>
        <message>
            <source>no client events</source>
            <translation>कोई क्लाइंट इवेंट नहीं</translation>
        </message>
        <message>
            <source>%1 presence members</source>
            <translation>%1 प्रेज़ेंस सदस्य</translation>
        </message>
        <message>
            <source>events ≤ %1</source>
            <translation>इवेंट ≤ %1</translation>
        </message>
        <message>
            <source>(unnamed)</source>
            <translation>(बिना नाम)</translation>
        </message>
        <message>
            <source>enabled</source>
            <translation>सक्रिय</translation>
        </message>
        <message>
            <source>disabled</source>
            <translation>निष्क्रिय</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>नाम</translation>
        </message>
        <message>
            <source>App id</source>
            <translation>ऐप id</translation>
        </message>
        <message>
            <source>Key</source>
            <translation>कुंजी</translation>
        </message>
        <message>
            <source>State</source>
            <translation>स्थिति</translation>
        </message>
        <message>
            <source>Connections</source>
            <translation>कनेक्शन</translation>
        </message>
        <message>
            <source>Limits</source>
            <translation>सीमाएँ</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ChannelsDebugConsole</name>
        <message>
            <source>Pause</source>
            <translation>रोकें</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>साफ़ करें</translation>
        </message>
        <message>
            <source>Channel, event or text contains…</source>
            <translation>चैनल, इवेंट या टेक्स्ट में है…</translation>
        </message>
        <message>
            <source>Hold new events so the list stands still; they are counted and shown on Resume</source>
            <translation>नए इवेंट रोककर रखें ताकि सूची स्थिर रहे; उन्हें गिना जाता है और फिर से शुरू करने पर दिखाया जाता है</translation>
        </message>
        <message>
            <source>Clears this view; the service keeps running</source>
            <translation>यह दृश्य साफ़ करता है; सेवा चलती रहती है</translation>
        </message>
        <message>
            <source>Connections</source>
            <translation>कनेक्शन</translation>
        </message>
        <message>
            <source>Subscriptions</source>
            <translation>सब्सक्रिप्शन</translation>
        </message>
        <message>
            <source>API messages</source>
            <translation>API संदेश</translation>
        </message>
        <message>
            <source>Client events</source>
            <translation>क्लाइंट इवेंट</translation>
        </message>
        <message>
            <source>Errors</source>
            <translation>त्रुटियाँ</translation>
        </message>
        <message>
            <source>Webhooks</source>
            <translation>वेबहुक</translation>
        </message>
        <message>
            <source>Show:</source>
            <translation>दिखाएँ:</translation>
        </message>
        <message>
            <source>All apps</source>
            <translation>सभी ऐप</translation>
        </message>
        <message>
            <source>Resume</source>
            <translation>फिर से शुरू करें</translation>
        </message>
        <message>
            <source>1 new event</source>
            <translation>1 नया इवेंट</translation>
        </message>
        <message>
            <source>%1 new events</source>
            <translation>%1 नए इवेंट</translation>
        </message>
        <message>
            <source>1 event</source>
            <translation>1 इवेंट</translation>
        </message>
        <message>
            <source>%1 events</source>
            <translation>%1 इवेंट</translation>
        </message>
        <message>
            <source>%1 of %2 events</source>
            <translation>%2 में से %1 इवेंट</translation>
        </message>
        <message>
            <source>Paused. New events are counted above and appear when you resume.</source>
            <translation>रुका हुआ। नए इवेंट ऊपर गिने जाते हैं और फिर से शुरू करने पर दिखते हैं।</translation>
        </message>
        <message>
            <source>No events yet. Connect a client or send a test event: connections, subscriptions, API messages and client events stream in here live.</source>
            <translation>अभी कोई इवेंट नहीं। कोई क्लाइंट जोड़ें या टेस्ट इवेंट भेजें: कनेक्शन, सब्सक्रिप्शन, API संदेश और क्लाइंट इवेंट यहाँ लाइव आते हैं।</translation>
        </message>
        <message>
            <source>No events match the filters.</source>
            <translation>कोई इवेंट फ़िल्टर से मेल नहीं खाता।</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ChannelsDebugModel</name>
        <message>
            <source>connection</source>
            <translation>कनेक्शन</translation>
        </message>
        <message>
            <source>disconnection</source>
            <translation>डिस्कनेक्शन</translation>
        </message>
        <message>
            <source>subscribed</source>
            <translation>सब्सक्राइब किया</translation>
        </message>
        <message>
            <source>unsubscribed</source>
            <translation>अनसब्सक्राइब किया</translation>
        </message>
        <message>
            <source>api message</source>
            <translation>API संदेश</translation>
        </message>
        <message>
            <source>client event</source>
            <translation>क्लाइंट इवेंट</translation>
        </message>
        <message>
            <source>error</source>
            <translation>त्रुटि</translation>
        </message>
        <message>
            <source>webhook</source>
            <translation>वेबहुक</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>समय</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>प्रकार</translation>
        </message>
        <message>
            <source>App</source>
            <translation>ऐप</translation>
        </message>
        <message>
            <source>Socket</source>
            <translation>सॉकेट</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>चैनल</translation>
        </message>
        <message>
            <source>Event</source>
            <translation>इवेंट</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>विवरण</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ChannelsDeliveryModel</name>
        <message>
            <source>no answer</source>
            <translation>कोई उत्तर नहीं</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>समय</translation>
        </message>
        <message>
            <source>App</source>
            <translation>ऐप</translation>
        </message>
        <message>
            <source>URL</source>
            <translation>URL</translation>
        </message>
        <message>
            <source>Events</source>
            <translation>इवेंट</translation>
        </message>
        <message>
            <source>Attempt</source>
            <translation>प्रयास</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>स्थिति</translation>
        </message>
        <message>
            <source>Error</source>
            <translation>त्रुटि</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ChannelsMemberModel</name>
        <message>
            <source>User id</source>
            <translation>उपयोगकर्ता id</translation>
        </message>
        <message>
            <source>user_info</source>
            <translation>user_info</translation>
        </message>
        <message>
            <source>Sockets</source>
            <translation>सॉकेट</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ChannelsOccupiedModel</name>
        <message>
            <source>none yet</source>
            <translation>अभी कोई नहीं</translation>
        </message>
        <message>
            <source>%1 · %2</source>
            <translation>%1 · %2</translation>
        </message>
        <message>
            <source>App</source>
            <translation>ऐप</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>चैनल</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>प्रकार</translation>
        </message>
        <message>
            <source>Subscriptions</source>
            <translation>सब्सक्रिप्शन</translation>
        </message>
        <message>
            <source>Users</source>
            <translation>उपयोगकर्ता</translation>
        </message>
        <message>
            <source>Last event</source>
            <translation>अंतिम इवेंट</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ChannelsPage</name>
        <message>
            <source>Overview</source>
            <translation>अवलोकन</translation>
        </message>
        <message>
            <source>Apps</source>
            <translation>ऐप</translation>
        </message>
        <message>
            <source>Channels</source>
            <translation>चैनल</translation>
        </message>
        <message>
            <source>Debug console</source>
            <translation>डीबग कंसोल</translation>
        </message>
        <message>
            <source>Webhooks</source>
            <translation>वेबहुक</translation>
        </message>
        <message>
            <source>Connections</source>
            <translation>कनेक्शन</translation>
        </message>
        <message>
            <source>Occupied channels</source>
            <translation>सक्रिय चैनल</translation>
        </message>
        <message>
            <source>Presence members</source>
            <translation>प्रेज़ेंस सदस्य</translation>
        </message>
        <message>
            <source>Messages sent</source>
            <translation>भेजे गए संदेश</translation>
        </message>
        <message>
            <source>Messages received</source>
            <translation>प्राप्त संदेश</translation>
        </message>
        <message>
            <source>Connections, %1</source>
            <translation>कनेक्शन, %1</translation>
        </message>
        <message>
            <source>connections</source>
            <translation>कनेक्शन</translation>
        </message>
        <message>
            <source>Messages per second, %1</source>
            <translation>प्रति सेकंड संदेश, %1</translation>
        </message>
        <message>
            <source>messages / s</source>
            <translation>संदेश / s</translation>
        </message>
        <message>
            <source>New app…</source>
            <translation>नया ऐप…</translation>
        </message>
        <message>
            <source>App id</source>
            <translation>ऐप id</translation>
        </message>
        <message>
            <source>Key</source>
            <translation>कुंजी</translation>
        </message>
        <message>
            <source>Secret</source>
            <translation>सीक्रेट</translation>
        </message>
        <message>
            <source>Limits</source>
            <translation>सीमाएँ</translation>
        </message>
        <message>
            <source>Webhook</source>
            <translation>वेबहुक</translation>
        </message>
        <message>
            <source>Reveal</source>
            <translation>दिखाएँ</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>कॉपी करें</translation>
        </message>
        <message>
            <source>No apps yet</source>
            <translation>अभी कोई ऐप नहीं</translation>
        </message>
        <message>
            <source>An app has an id, a key and a secret that your server SDK and browser clients use. Create one to connect your first client.</source>
            <translation>एक ऐप में id, कुंजी और सीक्रेट होते हैं जिन्हें आपका सर्वर SDK और ब्राउज़र क्लाइंट उपयोग करते हैं। पहला क्लाइंट जोड़ने के लिए एक ऐप बनाएँ।</translation>
        </message>
        <message>
            <source>Select an app to see its credentials</source>
            <translation>क्रेडेंशियल देखने के लिए एक ऐप चुनें</translation>
        </message>
        <message>
            <source>Credentials of “%1”</source>
            <translation>“%1” के क्रेडेंशियल</translation>
        </message>
        <message>
            <source>Credentials of “%1” (disabled: clients are refused)</source>
            <translation>“%1” के क्रेडेंशियल (निष्क्रिय: क्लाइंट अस्वीकार किए जाते हैं)</translation>
        </message>
        <message>
            <source>Hide</source>
            <translation>छिपाएँ</translation>
        </message>
        <message>
            <source>none</source>
            <translation>कोई नहीं</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>no events</source>
            <translation>कोई इवेंट नहीं</translation>
        </message>
        <message>
            <source>Secret copied to the clipboard.</source>
            <translation>सीक्रेट क्लिपबोर्ड पर कॉपी हुआ।</translation>
        </message>
        <message>
            <source>Copied, with the real secret.</source>
            <translation>असली सीक्रेट के साथ कॉपी हुआ।</translation>
        </message>
        <message>
            <source>Creating “%1”…</source>
            <translation>“%1” बनाया जा रहा है…</translation>
        </message>
        <message>
            <source>Saved “%1”.</source>
            <translation>“%1” सहेजा गया।</translation>
        </message>
        <message>
            <source>new-app</source>
            <translation>new-app</translation>
        </message>
        <message>
            <source>Delete the app “%1” (id %2)? Clients using its key can no longer connect, and its key and secret are gone for good.</source>
            <translation>ऐप “%1” (id %2) हटाएँ? इसकी कुंजी उपयोग करने वाले क्लाइंट अब नहीं जुड़ पाएँगे, और इसकी कुंजी और सीक्रेट हमेशा के लिए चले जाएँगे।</translation>
        </message>
        <message>
            <source>1 open connection will be closed.</source>
            <translation>1 खुला कनेक्शन बंद किया जाएगा।</translation>
        </message>
        <message>
            <source>%1 open connections will be closed.</source>
            <translation>%1 खुले कनेक्शन बंद किए जाएँगे।</translation>
        </message>
        <message>
            <source>Delete app</source>
            <translation>ऐप हटाएँ</translation>
        </message>
        <message>
            <source>Deleting “%1”…</source>
            <translation>“%1” हटाया जा रहा है…</translation>
        </message>
        <message>
            <source>Filter by app or channel name…</source>
            <translation>ऐप या चैनल नाम से फ़िल्टर करें…</translation>
        </message>
        <message>
            <source>No channel matches the filter.</source>
            <translation>कोई चैनल फ़िल्टर से मेल नहीं खाता।</translation>
        </message>
        <message>
            <source>Select a presence channel to see who is in it.</source>
            <translation>कौन है यह देखने के लिए एक प्रेज़ेंस चैनल चुनें।</translation>
        </message>
        <message>
            <source>No occupied channels</source>
            <translation>कोई सक्रिय चैनल नहीं</translation>
        </message>
        <message>
            <source>A channel appears here while at least one client is subscribed to it, with its subscribers, presence members and last event.</source>
            <translation>कोई चैनल यहाँ तब तक दिखता है जब तक कम से कम एक क्लाइंट उससे जुड़ा हो, उसके सब्सक्राइबर, प्रेज़ेंस सदस्य और अंतिम इवेंट के साथ।</translation>
        </message>
        <message>
            <source>Connect a client…</source>
            <translation>एक क्लाइंट जोड़ें…</translation>
        </message>
        <message>
            <source>“%1” is a %2 channel; only presence channels have members.</source>
            <translation>“%1” एक %2 चैनल है; केवल प्रेज़ेंस चैनलों के सदस्य होते हैं।</translation>
        </message>
        <message>
            <source>Members of %1</source>
            <translation>%1 के सदस्य</translation>
        </message>
        <message>
            <source>Nobody is in this channel right now.</source>
            <translation>अभी इस चैनल में कोई नहीं है।</translation>
        </message>
        <message>
            <source>Send a test event</source>
            <translation>टेस्ट इवेंट भेजें</translation>
        </message>
        <message>
            <source>Published like a server SDK's trigger(), to every subscriber of the channel.</source>
            <translation>सर्वर SDK के trigger() की तरह प्रकाशित, चैनल के हर सब्सक्राइबर को।</translation>
        </message>
        <message>
            <source>No webhook deliveries yet</source>
            <translation>अभी कोई वेबहुक डिलीवरी नहीं</translation>
        </message>
        <message>
            <source>Give an app a webhook URL and choose its events (Apps → Edit). Each batch sent, and every retry, is listed here with its status.</source>
            <translation>किसी ऐप को वेबहुक URL दें और उसके इवेंट चुनें (ऐप → संपादित करें)। हर भेजा गया बैच और हर पुनःप्रयास यहाँ उसकी स्थिति के साथ दिखता है।</translation>
        </message>
        <message>
            <source>%1 → %2 (%3)</source>
            <translation>%1 → %2 (%3)</translation>
        </message>
        <message>
            <source>No app has a webhook yet. Set one in Apps → Edit.</source>
            <translation>अभी किसी ऐप का वेबहुक नहीं है। ऐप → संपादित करें में सेट करें।</translation>
        </message>
        <message>
            <source>Webhooks (change them in Apps → Edit):</source>
            <translation>वेबहुक (ऐप → संपादित करें में बदलें):</translation>
        </message>
        <message>
            <source>1 delivery</source>
            <translation>1 डिलीवरी</translation>
        </message>
        <message>
            <source>%1 deliveries</source>
            <translation>%1 डिलीवरी</translation>
        </message>
        <message>
            <source>%1, %2 failed</source>
            <translation>%1, %2 विफल</translation>
        </message>
        <message>
            <source>Shared through Redis %1 with %2 nodes: the counts below are the cluster's (this node: %3).</source>
            <translation>Redis %1 के ज़रिए %2 नोड के साथ साझा: नीचे की गिनती क्लस्टर की है (यह नोड: %3)।</translation>
        </message>
        <message>
            <source>Redis %1 is unreachable (%2); this node serves its own clients alone and reconnects.</source>
            <translation>Redis %1 तक पहुँच नहीं (%2); यह नोड अकेले अपने क्लाइंट संभालता है और फिर से जुड़ता है।</translation>
        </message>
        <message>
            <source>no answer yet</source>
            <translation>अभी कोई उत्तर नहीं</translation>
        </message>
        <message>
            <source>%1 now on %2 nodes</source>
            <translation>अभी %2 नोड पर %1</translation>
        </message>
        <message>
            <source>%1 now</source>
            <translation>%1 अभी</translation>
        </message>
        <message>
            <source>%1 messages/s now</source>
            <translation>अभी %1 संदेश/s</translation>
        </message>
        <message>
            <source>The channels service is not connected to this console.</source>
            <translation>Channels सेवा इस कंसोल से जुड़ी नहीं है।</translation>
        </message>
        <message>
            <source>Channels failed to start: %1. The tables show its last known state.</source>
            <translation>Channels शुरू नहीं हो सका: %1। तालिकाएँ उसकी अंतिम ज्ञात स्थिति दिखाती हैं।</translation>
        </message>
        <message>
            <source>Channels is %1. The tables show its last known state; changes are applied once it runs.</source>
            <translation>Channels %1 है। तालिकाएँ उसकी अंतिम ज्ञात स्थिति दिखाती हैं; बदलाव उसके चलने पर लागू होंगे।</translation>
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
            <translation>Node सर्वर</translation>
        </message>
        <message>
            <source>Python server</source>
            <translation>Python सर्वर</translation>
        </message>
        <message>
            <source>Shell</source>
            <translation>शेल</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ChannelsTestEventForm</name>
        <message>
            <source>Send event</source>
            <translation>इवेंट भेजें</translation>
        </message>
        <message>
            <source>my-channel, private-orders, presence-room…</source>
            <translation>my-channel, private-orders, presence-room…</translation>
        </message>
        <message>
            <source>my-event</source>
            <translation>my-event</translation>
        </message>
        <message>
            <source>App:</source>
            <translation>ऐप:</translation>
        </message>
        <message>
            <source>Channel:</source>
            <translation>चैनल:</translation>
        </message>
        <message>
            <source>Event:</source>
            <translation>इवेंट:</translation>
        </message>
        <message>
            <source>Data (JSON):</source>
            <translation>डेटा (JSON):</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>(unnamed)</source>
            <translation>(बिना नाम)</translation>
        </message>
        <message>
            <source>No apps</source>
            <translation>कोई ऐप नहीं</translation>
        </message>
        <message>
            <source>expected exactly one JSON value</source>
            <translation>ठीक एक JSON मान अपेक्षित</translation>
        </message>
        <message>
            <source>%1 at character %2</source>
            <translation>अक्षर %2 पर %1</translation>
        </message>
        <message>
            <source>Choose an app.</source>
            <translation>एक ऐप चुनें।</translation>
        </message>
        <message>
            <source>Enter a channel name.</source>
            <translation>एक चैनल नाम लिखें।</translation>
        </message>
        <message>
            <source>Channel names may only contain letters, digits and _ - = @ , . ;</source>
            <translation>चैनल नामों में केवल अक्षर, अंक और _ - = @ , . ; हो सकते हैं</translation>
        </message>
        <message>
            <source>The channel name is longer than this app allows (%1 characters).</source>
            <translation>चैनल नाम इस ऐप की अनुमति से लंबा है (%1 अक्षर)।</translation>
        </message>
        <message>
            <source>Enter an event name.</source>
            <translation>एक इवेंट नाम लिखें।</translation>
        </message>
        <message>
            <source>Event names are at most %1 characters.</source>
            <translation>इवेंट नाम अधिकतम %1 अक्षर के होते हैं।</translation>
        </message>
        <message>
            <source>Event names starting with “pusher:” are reserved for the protocol.</source>
            <translation>“pusher:” से शुरू होने वाले इवेंट नाम प्रोटोकॉल के लिए आरक्षित हैं।</translation>
        </message>
        <message>
            <source>Enter the data as JSON, e.g. {"message": "hello"}.</source>
            <translation>डेटा JSON के रूप में लिखें, जैसे {"message": "hello"}।</translation>
        </message>
        <message>
            <source>The data is not valid JSON: %1.</source>
            <translation>डेटा मान्य JSON नहीं है: %1।</translation>
        </message>
        <message>
            <source>The data is larger than this app allows (%1 bytes).</source>
            <translation>डेटा इस ऐप की अनुमति से बड़ा है (%1 बाइट)।</translation>
        </message>
        <message>
            <source>Sent “%1” to %2 at %3. Watch it arrive in the debug console.</source>
            <translation>“%1” को %3 पर %2 पर भेजा गया। डीबग कंसोल में इसे आते देखें।</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ChartRangeBox</name>
        <message>
            <source>5 min</source>
            <translation>5 मिनट</translation>
        </message>
        <message>
            <source>1 h</source>
            <translation>1 घंटा</translation>
        </message>
        <message>
            <source>24 h</source>
            <translation>24 घंटे</translation>
        </message>
        <message>
            <source>Time range of the chart</source>
            <translation>चार्ट की समय सीमा</translation>
        </message>
        <message>
            <source>last hour</source>
            <translation>पिछला एक घंटा</translation>
        </message>
        <message>
            <source>last 24 hours</source>
            <translation>पिछले 24 घंटे</translation>
        </message>
        <message>
            <source>last 5 minutes</source>
            <translation>पिछले 5 मिनट</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ClusterNodesPanel</name>
        <message>
            <source>Cluster</source>
            <translation>क्लस्टर</translation>
        </message>
        <message>
            <source>Channels apps: PostgreSQL %1 connected</source>
            <translation>Channels ऐप्स: PostgreSQL %1 जुड़ा है</translation>
        </message>
        <message>
            <source>Channels apps: PostgreSQL %1 unreachable (%2); reconnecting. The apps last read stay in use.</source>
            <translation>Channels ऐप्स: PostgreSQL %1 तक नहीं पहुँच सकते (%2); फिर से जुड़ रहे हैं। आख़िरी बार पढ़े गए ऐप्स इस्तेमाल में रहते हैं।</translation>
        </message>
        <message>
            <source>Errors: PostgreSQL %1 connected</source>
            <translation>Errors: PostgreSQL %1 जुड़ा है</translation>
        </message>
        <message>
            <source>Errors: PostgreSQL %1 unreachable (%2); reconnecting. Events are refused with 503 until it is back.</source>
            <translation>Errors: PostgreSQL %1 तक नहीं पहुँच सकते (%2); फिर से जुड़ रहे हैं। वापस आने तक events 503 के साथ लौटाए जाते हैं।</translation>
        </message>
        <message>
            <source>Node</source>
            <translation>Node</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>पता</translation>
        </message>
        <message>
            <source>Connections</source>
            <translation>कनेक्शन</translation>
        </message>
        <message>
            <source>Last heartbeat</source>
            <translation>अंतिम हार्टबीट</translation>
        </message>
        <message>
            <source>State</source>
            <translation>स्थिति</translation>
        </message>
        <message>
            <source>Redis %1 connected · %2 nodes, %3 connections · this node is %4</source>
            <translation>Redis %1 जुड़ा · %2 नोड, %3 कनेक्शन · यह नोड %4 है</translation>
        </message>
        <message>
            <source>Redis %1 unreachable (%2); reconnecting. This node serves its own clients alone meanwhile.</source>
            <translation>Redis %1 तक पहुँच नहीं (%2); फिर से जुड़ रहा है। तब तक यह नोड अकेले अपने क्लाइंट संभालता है।</translation>
        </message>
        <message>
            <source>no answer yet</source>
            <translation>अभी कोई उत्तर नहीं</translation>
        </message>
        <message>
            <source>no heartbeat (members being removed)</source>
            <translation>कोई हार्टबीट नहीं (सदस्य हटाए जा रहे हैं)</translation>
        </message>
        <message>
            <source>this node</source>
            <translation>यह नोड</translation>
        </message>
        <message>
            <source>up</source>
            <translation>चालू</translation>
        </message>
        <message>
            <source>not yet</source>
            <translation>अभी नहीं</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ConnectDialog</name>
        <message>
            <source>Copy</source>
            <translation>कॉपी करें</translation>
        </message>
        <message>
            <source>Connect to %1</source>
            <translation>%1 से जोड़ें</translation>
        </message>
        <message>
            <source>Homeport %1 speaks the %2. Point your app's %3 client at it with these settings; the keys were generated for this installation.</source>
            <translation>Homeport %1 %2 बोलता है। इन सेटिंग्स से अपने ऐप के %3 क्लाइंट को इस पर लगाएँ; कुंजियाँ इसी इंस्टॉलेशन के लिए बनाई गई थीं।</translation>
        </message>
        <message>
            <source>%1 is not running (%2). Start it before your app connects.</source>
            <translation>%1 नहीं चल रहा है (%2)। अपने ऐप के जुड़ने से पहले इसे शुरू करें।</translation>
        </message>
        <message>
            <source>%1 is %2. Start it before your app connects.</source>
            <translation>%1 %2 है। अपने ऐप के जुड़ने से पहले इसे शुरू करें।</translation>
        </message>
        <message>
            <source>Paste into your Laravel app's .env file, then run “php artisan config:clear”.</source>
            <translation>अपने Laravel ऐप की .env फ़ाइल में चिपकाएँ, फिर “php artisan config:clear” चलाएँ।</translation>
        </message>
        <message>
            <source>Paste into the Node.js module that creates the client.</source>
            <translation>उस Node.js मॉड्यूल में चिपकाएँ जो क्लाइंट बनाता है।</translation>
        </message>
        <message>
            <source>Paste into the Python module that creates the client.</source>
            <translation>उस Python मॉड्यूल में चिपकाएँ जो क्लाइंट बनाता है।</translation>
        </message>
        <message>
            <source>Paste into a shell (or your ~/.profile) before running scripts and command-line tools.</source>
            <translation>स्क्रिप्ट और कमांड-लाइन टूल चलाने से पहले शेल (या अपनी ~/.profile) में चिपकाएँ।</translation>
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
            <translation>शेल</translation>
        </message>
        <message>
            <source>No client settings are known for this service.</source>
            <translation>इस सेवा के लिए कोई क्लाइंट सेटिंग ज्ञात नहीं है।</translation>
        </message>
        <message>
            <source>Copied to the clipboard.</source>
            <translation>क्लिपबोर्ड पर कॉपी हुआ।</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::CounterModel</name>
        <message>
            <source>Counter</source>
            <translation>काउंटर</translation>
        </message>
        <message>
            <source>Labels</source>
            <translation>लेबल</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>मान</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::EditorDialog</name>
        <message>
            <source>Create</source>
            <translation>बनाएँ</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>सहेजें</translation>
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
            <translation> पंक्ति %1</translation>
        </message>
        <message>
            <source>, column %1</source>
            <translation>, स्तंभ %1</translation>
        </message>
        <message>
            <source>in app</source>
            <translation>ऐप में</translation>
        </message>
        <message>
            <source>in</source>
            <translation>में</translation>
        </message>
        <message>
            <source>, handled</source>
            <translation>, संभाला गया</translation>
        </message>
        <message>
            <source>, unhandled</source>
            <translation>, बिना संभाला</translation>
        </message>
        <message>
            <source>This event has no stack trace.</source>
            <translation>इस इवेंट का कोई स्टैक ट्रेस नहीं है।</translation>
        </message>
        <message>
            <source>which was caused by:</source>
            <translation>जिसका कारण था:</translation>
        </message>
        <message>
            <source>Message</source>
            <translation>संदेश</translation>
        </message>
        <message>
            <source>Exception</source>
            <translation>अपवाद</translation>
        </message>
        <message>
            <source>mechanism: %1</source>
            <translation>तंत्र: %1</translation>
        </message>
        <message>
            <source>No stack trace was sent with this exception.</source>
            <translation>इस अपवाद के साथ कोई स्टैक ट्रेस नहीं भेजा गया।</translation>
        </message>
        <message>
            <source>Most recent call first</source>
            <translation>सबसे हाल की कॉल पहले</translation>
        </message>
        <message>
            <source>▸ 1 library frame hidden, show</source>
            <translation>▸ 1 लाइब्रेरी फ़्रेम छिपा है, दिखाएँ</translation>
        </message>
        <message>
            <source>▸ %1 library frames hidden, show</source>
            <translation>▸ %1 लाइब्रेरी फ़्रेम छिपे हैं, दिखाएँ</translation>
        </message>
        <message>
            <source>▾ Hide library frames</source>
            <translation>▾ लाइब्रेरी फ़्रेम छिपाएँ</translation>
        </message>
        <message>
            <source>Event</source>
            <translation>इवेंट</translation>
        </message>
        <message>
            <source>event id</source>
            <translation>इवेंट id</translation>
        </message>
        <message>
            <source>time</source>
            <translation>समय</translation>
        </message>
        <message>
            <source>level</source>
            <translation>स्तर</translation>
        </message>
        <message>
            <source>platform</source>
            <translation>प्लैटफ़ॉर्म</translation>
        </message>
        <message>
            <source>release</source>
            <translation>रिलीज़</translation>
        </message>
        <message>
            <source>dist</source>
            <translation>dist</translation>
        </message>
        <message>
            <source>environment</source>
            <translation>परिवेश</translation>
        </message>
        <message>
            <source>server</source>
            <translation>सर्वर</translation>
        </message>
        <message>
            <source>transaction</source>
            <translation>ट्रांज़ैक्शन</translation>
        </message>
        <message>
            <source>logger</source>
            <translation>लॉगर</translation>
        </message>
        <message>
            <source>User</source>
            <translation>उपयोगकर्ता</translation>
        </message>
        <message>
            <source>request</source>
            <translation>अनुरोध</translation>
        </message>
        <message>
            <source>query</source>
            <translation>क्वेरी</translation>
        </message>
        <message>
            <source>data</source>
            <translation>डेटा</translation>
        </message>
        <message>
            <source>Request</source>
            <translation>अनुरोध</translation>
        </message>
        <message>
            <source>Tags</source>
            <translation>टैग</translation>
        </message>
        <message>
            <source>Context: %1</source>
            <translation>संदर्भ: %1</translation>
        </message>
        <message>
            <source>sdk</source>
            <translation>sdk</translation>
        </message>
        <message>
            <source>integrations</source>
            <translation>इंटीग्रेशन</translation>
        </message>
        <message>
            <source>SDK</source>
            <translation>SDK</translation>
        </message>
        <message>
            <source>Extra</source>
            <translation>अतिरिक्त</translation>
        </message>
        <message>
            <source>This event carries no context.</source>
            <translation>इस इवेंट में कोई संदर्भ नहीं है।</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ErrorsIssueModel</name>
        <message>
            <source>unresolved</source>
            <translation>अनसुलझा</translation>
        </message>
        <message>
            <source>resolved</source>
            <translation>सुलझा</translation>
        </message>
        <message>
            <source>ignored</source>
            <translation>अनदेखा</translation>
        </message>
        <message>
            <source>%1 events in the last 24 hours</source>
            <translation>पिछले 24 घंटों में %1 इवेंट</translation>
        </message>
        <message>
            <source>Sorted by the errors service across every matching issue</source>
            <translation>errors सेवा द्वारा सभी मेल खाते इश्यू पर क्रमबद्ध</translation>
        </message>
        <message>
            <source>Issue</source>
            <translation>इश्यू</translation>
        </message>
        <message>
            <source>Culprit</source>
            <translation>कारण</translation>
        </message>
        <message>
            <source>Level</source>
            <translation>स्तर</translation>
        </message>
        <message>
            <source>Events</source>
            <translation>इवेंट</translation>
        </message>
        <message>
            <source>Users</source>
            <translation>उपयोगकर्ता</translation>
        </message>
        <message>
            <source>Last 24 h</source>
            <translation>पिछले 24 घंटे</translation>
        </message>
        <message>
            <source>First seen</source>
            <translation>पहली बार देखा</translation>
        </message>
        <message>
            <source>Last seen</source>
            <translation>आख़िरी बार देखा</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>स्थिति</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ErrorsIssueView</name>
        <message>
            <source>Select an issue to see its events.</source>
            <translation>इवेंट देखने के लिए एक इश्यू चुनें।</translation>
        </message>
        <message>
            <source>Resolve</source>
            <translation>सुलझाएँ</translation>
        </message>
        <message>
            <source>Mark as fixed. A new event reopens it as a regression.</source>
            <translation>ठीक हुआ चिह्नित करें। नया इवेंट इसे रिग्रेशन के रूप में फिर खोलता है।</translation>
        </message>
        <message>
            <source>Ignore</source>
            <translation>अनदेखा करें</translation>
        </message>
        <message>
            <source>Hide it from the unresolved list; new events do not bring it back.</source>
            <translation>अनसुलझी सूची से छिपाएँ; नए इवेंट इसे वापस नहीं लाते।</translation>
        </message>
        <message>
            <source>Reopen</source>
            <translation>फिर खोलें</translation>
        </message>
        <message>
            <source>Mark as unresolved again.</source>
            <translation>फिर से अनसुलझा चिह्नित करें।</translation>
        </message>
        <message>
            <source>events</source>
            <translation>इवेंट</translation>
        </message>
        <message>
            <source>‹ Previous</source>
            <translation>‹ पिछला</translation>
        </message>
        <message>
            <source>The event before this one</source>
            <translation>इससे पहले का इवेंट</translation>
        </message>
        <message>
            <source>Next ›</source>
            <translation>अगला ›</translation>
        </message>
        <message>
            <source>The event after this one</source>
            <translation>इसके बाद का इवेंट</translation>
        </message>
        <message>
            <source>Latest</source>
            <translation>नवीनतम</translation>
        </message>
        <message>
            <source>Stack trace</source>
            <translation>स्टैक ट्रेस</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>समय</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>श्रेणी</translation>
        </message>
        <message>
            <source>Level</source>
            <translation>स्तर</translation>
        </message>
        <message>
            <source>Message</source>
            <translation>संदेश</translation>
        </message>
        <message>
            <source>This event has no breadcrumbs. SDKs record them (console output, HTTP requests, navigation) before an error and send them with it.</source>
            <translation>इस इवेंट में कोई ब्रेडक्रंब नहीं है। SDK त्रुटि से पहले इन्हें दर्ज करते हैं (कंसोल आउटपुट, HTTP अनुरोध, नेविगेशन) और त्रुटि के साथ भेजते हैं।</translation>
        </message>
        <message>
            <source>Breadcrumbs</source>
            <translation>ब्रेडक्रंब</translation>
        </message>
        <message>
            <source>No tags on this issue's events.</source>
            <translation>इस इश्यू के इवेंट पर कोई टैग नहीं।</translation>
        </message>
        <message>
            <source>The most frequent values of each tag across this issue's events.</source>
            <translation>इस इश्यू के इवेंट में हर टैग के सबसे आम मान।</translation>
        </message>
        <message>
            <source>Tags</source>
            <translation>टैग</translation>
        </message>
        <message>
            <source>Context</source>
            <translation>संदर्भ</translation>
        </message>
        <message>
            <source>(no title)</source>
            <translation>(बिना शीर्षक)</translation>
        </message>
        <message>
            <source>error</source>
            <translation>त्रुटि</translation>
        </message>
        <message>
            <source>1 event</source>
            <translation>1 इवेंट</translation>
        </message>
        <message>
            <source>%1 events</source>
            <translation>%1 इवेंट</translation>
        </message>
        <message>
            <source>1 user</source>
            <translation>1 उपयोगकर्ता</translation>
        </message>
        <message>
            <source>%1 users</source>
            <translation>%1 उपयोगकर्ता</translation>
        </message>
        <message>
            <source>first seen %1</source>
            <translation>पहली बार देखा %1</translation>
        </message>
        <message>
            <source>last seen %1</source>
            <translation>आख़िरी बार देखा %1</translation>
        </message>
        <message>
            <source>Grouped by %1</source>
            <translation>%1 के अनुसार समूहित</translation>
        </message>
        <message>
            <source>30 d ago</source>
            <translation>30 दिन पहले</translation>
        </message>
        <message>
            <source>today</source>
            <translation>आज</translation>
        </message>
        <message>
            <source>Last 30 days: %1 events</source>
            <translation>पिछले 30 दिन: %1 इवेंट</translation>
        </message>
        <message>
            <source>Tags (%1)</source>
            <translation>टैग (%1)</translation>
        </message>
        <message>
            <source>Event %1</source>
            <translation>इवेंट %1</translation>
        </message>
        <message>
            <source>release %1</source>
            <translation>रिलीज़ %1</translation>
        </message>
        <message>
            <source>No event stored for this issue</source>
            <translation>इस इश्यू के लिए कोई इवेंट सहेजा नहीं गया</translation>
        </message>
        <message>
            <source>The event is no longer stored.</source>
            <translation>यह इवेंट अब सहेजा हुआ नहीं है।</translation>
        </message>
        <message>
            <source>Breadcrumbs (%1)</source>
            <translation>ब्रेडक्रंब (%1)</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ErrorsPage</name>
        <message>
            <source>Overview</source>
            <translation>अवलोकन</translation>
        </message>
        <message>
            <source>Issues</source>
            <translation>इश्यू</translation>
        </message>
        <message>
            <source>Projects</source>
            <translation>प्रोजेक्ट</translation>
        </message>
        <message>
            <source>Unresolved</source>
            <translation>अनसुलझे</translation>
        </message>
        <message>
            <source>Events accepted</source>
            <translation>स्वीकृत इवेंट</translation>
        </message>
        <message>
            <source>Rejected</source>
            <translation>अस्वीकृत</translation>
        </message>
        <message>
            <source>Rate-limited</source>
            <translation>दर-सीमित</translation>
        </message>
        <message>
            <source>Refused: wrong key, malformed or too large</source>
            <translation>अस्वीकृत: गलत कुंजी, विकृत या बहुत बड़ा</translation>
        </message>
        <message>
            <source>Answered 429 because a project's rate limit was reached</source>
            <translation>429 से उत्तर दिया क्योंकि किसी प्रोजेक्ट की दर सीमा पूरी हो गई थी</translation>
        </message>
        <message>
            <source>Events per minute, last 60 minutes, all projects</source>
            <translation>प्रति मिनट इवेंट, पिछले 60 मिनट, सभी प्रोजेक्ट</translation>
        </message>
        <message>
            <source>events / min</source>
            <translation>इवेंट / मिनट</translation>
        </message>
        <message>
            <source>Events stored after authentication and rate limiting. The console keeps the minutes it has seen since it started.</source>
            <translation>प्रमाणीकरण और दर सीमा के बाद सहेजे गए इवेंट। कंसोल शुरू होने के बाद देखे गए मिनट रखता है।</translation>
        </message>
        <message>
            <source>60 min ago</source>
            <translation>60 मिनट पहले</translation>
        </message>
        <message>
            <source>30 min ago</source>
            <translation>30 मिनट पहले</translation>
        </message>
        <message>
            <source>now</source>
            <translation>अभी</translation>
        </message>
        <message>
            <source>%1 this minute · %2 in the last hour</source>
            <translation>इस मिनट %1 · पिछले घंटे %2</translation>
        </message>
        <message>
            <source>Search: is:unresolved level:error browser:Chrome free text…</source>
            <translation>खोज: is:unresolved level:error browser:Chrome मुक्त टेक्स्ट…</translation>
        </message>
        <message>
            <source>is:unresolved, is:resolved or is:ignored · level:error · any tag as key:value · other words search titles and culprits</source>
            <translation>is:unresolved, is:resolved या is:ignored · level:error · कोई भी टैग key:value के रूप में · बाकी शब्द शीर्षक और कारण में खोजते हैं</translation>
        </message>
        <message>
            <source>All projects</source>
            <translation>सभी प्रोजेक्ट</translation>
        </message>
        <message>
            <source>A project has a DSN that your app's Sentry SDK sends its errors to. Create one, then point the SDK at it.</source>
            <translation>एक प्रोजेक्ट का DSN होता है जिस पर आपके ऐप का Sentry SDK त्रुटियाँ भेजता है। एक बनाएँ, फिर SDK को उस पर लगाएँ।</translation>
        </message>
        <message>
            <source>No unresolved issues</source>
            <translation>कोई अनसुलझा इश्यू नहीं</translation>
        </message>
        <message>
            <source>Errors your apps send with a project's DSN are grouped into issues here. Resolved and ignored issues are found with is:resolved or is:ignored.</source>
            <translation>आपके ऐप किसी प्रोजेक्ट के DSN से जो त्रुटियाँ भेजते हैं, वे यहाँ इश्यू में समूहित होती हैं। सुलझे और अनदेखे इश्यू is:resolved या is:ignored से मिलते हैं।</translation>
        </message>
        <message>
            <source>Show the DSN…</source>
            <translation>DSN दिखाएँ…</translation>
        </message>
        <message>
            <source>Select an issue to see its events.</source>
            <translation>इवेंट देखने के लिए एक इश्यू चुनें।</translation>
        </message>
        <message>
            <source>Loading the issue…</source>
            <translation>इश्यू लोड हो रहा है…</translation>
        </message>
        <message>
            <source>This issue no longer exists: it was deleted or its events passed the project's retention.</source>
            <translation>यह इश्यू अब मौजूद नहीं है: इसे हटा दिया गया या इसके इवेंट प्रोजेक्ट की अवधारण सीमा पार कर गए।</translation>
        </message>
        <message>
            <source>The errors service is not connected to this console.</source>
            <translation>errors सेवा इस कंसोल से जुड़ी नहीं है।</translation>
        </message>
        <message>
            <source>Loading issues…</source>
            <translation>इश्यू लोड हो रहे हैं…</translation>
        </message>
        <message>
            <source>No issue matches “%1”.</source>
            <translation>कोई इश्यू “%1” से मेल नहीं खाता।</translation>
        </message>
        <message>
            <source>(everything)</source>
            <translation>(सब कुछ)</translation>
        </message>
        <message>
            <source>1 issue</source>
            <translation>1 इश्यू</translation>
        </message>
        <message>
            <source>first %1 issues</source>
            <translation>पहले %1 इश्यू</translation>
        </message>
        <message>
            <source>%1 issues</source>
            <translation>%1 इश्यू</translation>
        </message>
        <message>
            <source>New project…</source>
            <translation>नया प्रोजेक्ट…</translation>
        </message>
        <message>
            <source>DSN</source>
            <translation>DSN</translation>
        </message>
        <message>
            <source>Keys</source>
            <translation>कुंजियाँ</translation>
        </message>
        <message>
            <source>Limits</source>
            <translation>सीमाएँ</translation>
        </message>
        <message>
            <source>Alerts</source>
            <translation>अलर्ट</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>कॉपी करें</translation>
        </message>
        <message>
            <source>Each project has a numeric id and a DSN key; an app's Sentry SDK sends its errors to http://KEY@host:port/ID. Create one to get its DSN.</source>
            <translation>हर प्रोजेक्ट की एक संख्यात्मक id और एक DSN कुंजी होती है; ऐप का Sentry SDK त्रुटियाँ http://KEY@host:port/ID पर भेजता है। DSN पाने के लिए एक बनाएँ।</translation>
        </message>
        <message>
            <source>No projects yet</source>
            <translation>अभी कोई प्रोजेक्ट नहीं</translation>
        </message>
        <message>
            <source>Select a project to see its DSN</source>
            <translation>DSN देखने के लिए एक प्रोजेक्ट चुनें</translation>
        </message>
        <message>
            <source>Project “%1”</source>
            <translation>प्रोजेक्ट “%1”</translation>
        </message>
        <message>
            <source>Project “%1” (%2)</source>
            <translation>प्रोजेक्ट “%1” (%2)</translation>
        </message>
        <message>
            <source>no key: edit the project to get one</source>
            <translation>कोई कुंजी नहीं: एक पाने के लिए प्रोजेक्ट संपादित करें</translation>
        </message>
        <message>
            <source>%1 · keeps %2</source>
            <translation>%1 · %2 रखता है</translation>
        </message>
        <message>
            <source>none</source>
            <translation>कोई नहीं</translation>
        </message>
        <message>
            <source>%1 (Slack format)</source>
            <translation>%1 (Slack फ़ॉर्मैट)</translation>
        </message>
        <message>
            <source>%1 (JSON)</source>
            <translation>%1 (JSON)</translation>
        </message>
        <message>
            <source>DSN copied to the clipboard.</source>
            <translation>DSN क्लिपबोर्ड पर कॉपी हुआ।</translation>
        </message>
        <message>
            <source>Copied.</source>
            <translation>कॉपी हुआ।</translation>
        </message>
        <message>
            <source>Creating “%1”…</source>
            <translation>“%1” बनाया जा रहा है…</translation>
        </message>
        <message>
            <source>Saved “%1”.</source>
            <translation>“%1” सहेजा गया।</translation>
        </message>
        <message>
            <source>new-project</source>
            <translation>new-project</translation>
        </message>
        <message>
            <source>Delete the project “%1” (id %2) with all its issues and events? SDKs using its DSN are refused from then on.</source>
            <translation>प्रोजेक्ट “%1” (id %2) को उसके सभी इश्यू और इवेंट के साथ हटाएँ? इसके DSN वाले SDK इसके बाद अस्वीकार होंगे।</translation>
        </message>
        <message>
            <source>Delete project</source>
            <translation>प्रोजेक्ट हटाएँ</translation>
        </message>
        <message>
            <source>Deleting “%1”…</source>
            <translation>“%1” हटाया जा रहा है…</translation>
        </message>
        <message>
            <source>Errors failed to start: %1. The tables show its last known state.</source>
            <translation>Errors शुरू नहीं हो सका: %1। तालिकाएँ उसकी अंतिम ज्ञात स्थिति दिखाती हैं।</translation>
        </message>
        <message>
            <source>Errors is %1. Issues load once it runs; changes are applied then.</source>
            <translation>Errors %1 है। इश्यू उसके चलने पर लोड होंगे; बदलाव तब लागू होंगे।</translation>
        </message>
        <message>
            <source>Events per 10 seconds, last 5 minutes, all projects</source>
            <translation>प्रति 10 सेकंड इवेंट, पिछले 5 मिनट, सभी प्रोजेक्ट</translation>
        </message>
        <message>
            <source>events / 10 s</source>
            <translation>इवेंट / 10 s</translation>
        </message>
        <message>
            <source>5 min ago</source>
            <translation>5 मिनट पहले</translation>
        </message>
        <message>
            <source>2.5 min ago</source>
            <translation>2.5 मिनट पहले</translation>
        </message>
        <message>
            <source>Events per 15 minutes, last 24 hours, all projects</source>
            <translation>प्रति 15 मिनट इवेंट, पिछले 24 घंटे, सभी प्रोजेक्ट</translation>
        </message>
        <message>
            <source>events / 15 min</source>
            <translation>इवेंट / 15 मिनट</translation>
        </message>
        <message>
            <source>24 h ago</source>
            <translation>24 घंटे पहले</translation>
        </message>
        <message>
            <source>12 h ago</source>
            <translation>12 घंटे पहले</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ErrorsProjectEditor</name>
        <message>
            <source>Slack-compatible payload (incoming webhooks)</source>
            <translation>Slack-संगत पेलोड (इनकमिंग वेबहुक)</translation>
        </message>
        <message>
            <source>New errors project</source>
            <translation>नया errors प्रोजेक्ट</translation>
        </message>
        <message>
            <source>Edit project “%1”</source>
            <translation>प्रोजेक्ट “%1” संपादित करें</translation>
        </message>
        <message>
            <source>e.g. shop-backend</source>
            <translation>जैसे shop-backend</translation>
        </message>
        <message>
            <source>Project</source>
            <translation>प्रोजेक्ट</translation>
        </message>
        <message>
            <source>Name:</source>
            <translation>नाम:</translation>
        </message>
        <message>
            <source>Platform:</source>
            <translation>प्लैटफ़ॉर्म:</translation>
        </message>
        <message>
            <source>The project id and its DSN key are generated when the project is created.</source>
            <translation>प्रोजेक्ट बनाते समय उसकी id और DSN कुंजी बनाई जाती हैं।</translation>
        </message>
        <message>
            <source>%1 · keys %2</source>
            <translation>%1 · कुंजियाँ %2</translation>
        </message>
        <message>
            <source>Project id:</source>
            <translation>प्रोजेक्ट id:</translation>
        </message>
        <message>
            <source>Limits and retention</source>
            <translation>सीमाएँ और अवधारण</translation>
        </message>
        <message>
            <source>unlimited</source>
            <translation>असीमित</translation>
        </message>
        <message>
            <source> events/min</source>
            <translation> इवेंट/मिनट</translation>
        </message>
        <message>
            <source>Above this, SDKs are answered 429 with Retry-After and back off.</source>
            <translation>इससे अधिक पर SDK को Retry-After के साथ 429 मिलता है और वे रुकते हैं।</translation>
        </message>
        <message>
            <source> days</source>
            <translation> दिन</translation>
        </message>
        <message>
            <source> events</source>
            <translation> इवेंट</translation>
        </message>
        <message>
            <source>Rate limit:</source>
            <translation>दर सीमा:</translation>
        </message>
        <message>
            <source>Keep events for:</source>
            <translation>इवेंट रखें:</translation>
        </message>
        <message>
            <source>Keep at most:</source>
            <translation>अधिकतम रखें:</translation>
        </message>
        <message>
            <source>Alerts</source>
            <translation>अलर्ट</translation>
        </message>
        <message>
            <source>One URL per line, e.g. https://hooks.slack.com/services/…</source>
            <translation>हर पंक्ति में एक URL, जैसे https://hooks.slack.com/services/…</translation>
        </message>
        <message>
            <source>A JSON notification is POSTed to each URL when a new issue appears and when a resolved issue comes back (a regression).</source>
            <translation>जब कोई नया इश्यू आता है और जब कोई सुलझा इश्यू लौटता है (रिग्रेशन), तो हर URL पर एक JSON सूचना POST की जाती है।</translation>
        </message>
        <message>
            <source>Give the project a name.</source>
            <translation>प्रोजेक्ट को एक नाम दें।</translation>
        </message>
        <message>
            <source>“%1” is not an http:// or https:// address.</source>
            <translation>“%1” कोई http:// या https:// पता नहीं है।</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ErrorsProjectModel</name>
        <message>
            <source>unlimited</source>
            <translation>असीमित</translation>
        </message>
        <message>
            <source>%1 events/min</source>
            <translation>%1 इवेंट/मिनट</translation>
        </message>
        <message>
            <source>%1 days · max %2 events</source>
            <translation>%1 दिन · अधिकतम %2 इवेंट</translation>
        </message>
        <message>
            <source>no key</source>
            <translation>कोई कुंजी नहीं</translation>
        </message>
        <message>
            <source>Other keys: %1</source>
            <translation>अन्य कुंजियाँ: %1</translation>
        </message>
        <message>
            <source>Project</source>
            <translation>प्रोजेक्ट</translation>
        </message>
        <message>
            <source>Id</source>
            <translation>id</translation>
        </message>
        <message>
            <source>Platform</source>
            <translation>प्लैटफ़ॉर्म</translation>
        </message>
        <message>
            <source>DSN</source>
            <translation>DSN</translation>
        </message>
        <message>
            <source>Rate limit</source>
            <translation>दर सीमा</translation>
        </message>
        <message>
            <source>Retention</source>
            <translation>अवधारण</translation>
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
            <translation>ब्राउज़र</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ErrorsTagChart</name>
        <message>
            <source>other</source>
            <translation>अन्य</translation>
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
            <translation>%1 विफल</translation>
        </message>
        <message>
            <source>%1 failed: %2</source>
            <translation>%1 विफल: %2</translation>
        </message>
        <message>
            <source>No services configured</source>
            <translation>कोई सेवा कॉन्फ़िगर नहीं</translation>
        </message>
        <message>
            <source>The service is running</source>
            <translation>सेवा चल रही है</translation>
        </message>
        <message>
            <source>All %1 services running</source>
            <translation>सभी %1 सेवाएँ चल रही हैं</translation>
        </message>
        <message>
            <source>The service is stopped</source>
            <translation>सेवा रुकी हुई है</translation>
        </message>
        <message>
            <source>All services stopped</source>
            <translation>सभी सेवाएँ रुकी हैं</translation>
        </message>
        <message>
            <source>%1 of %2 services running</source>
            <translation>%2 में से %1 सेवाएँ चल रही हैं</translation>
        </message>
        <message>
            <source>%1 starting or stopping</source>
            <translation>%1 शुरू या बंद हो रही हैं</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::InferenceKeysPanel</name>
        <message>
            <source>%1 %2 (no limit)</source>
            <translation>%1 %2 (कोई सीमा नहीं)</translation>
        </message>
        <message>
            <source>%1 / %2 %3</source>
            <translation>%1 / %2 %3</translation>
        </message>
        <message>
            <source>New gateway key</source>
            <translation>नई गेटवे कुंजी</translation>
        </message>
        <message>
            <source>Edit key “%1”</source>
            <translation>कुंजी “%1” संपादित करें</translation>
        </message>
        <message>
            <source>e.g. shop-backend</source>
            <translation>जैसे shop-backend</translation>
        </message>
        <message>
            <source>every model (or: llama-3-8b, qwen2.5-7b)</source>
            <translation>हर मॉडल (या: llama-3-8b, qwen2.5-7b)</translation>
        </message>
        <message>
            <source>unlimited</source>
            <translation>असीमित</translation>
        </message>
        <message>
            <source> requests/min</source>
            <translation> अनुरोध/मिनट</translation>
        </message>
        <message>
            <source> tokens/min</source>
            <translation> टोकन/मिनट</translation>
        </message>
        <message>
            <source>no budget</source>
            <translation>कोई बजट नहीं</translation>
        </message>
        <message>
            <source> tokens</source>
            <translation> टोकन</translation>
        </message>
        <message>
            <source>Key</source>
            <translation>कुंजी</translation>
        </message>
        <message>
            <source>Name:</source>
            <translation>नाम:</translation>
        </message>
        <message>
            <source>Models:</source>
            <translation>मॉडल:</translation>
        </message>
        <message>
            <source>Rate limit:</source>
            <translation>दर सीमा:</translation>
        </message>
        <message>
            <source>Token limit:</source>
            <translation>टोकन सीमा:</translation>
        </message>
        <message>
            <source>Token budget:</source>
            <translation>टोकन बजट:</translation>
        </message>
        <message>
            <source>The secret is shown once, when the key is created; Homeport keeps only its hash.</source>
            <translation>सीक्रेट केवल एक बार दिखाया जाता है, जब कुंजी बनती है; Homeport केवल उसका हैश रखता है।</translation>
        </message>
        <message>
            <source>The budget counts prompt and completion tokens over the key's life.</source>
            <translation>बजट कुंजी के पूरे जीवन में प्रॉम्प्ट और कम्प्लीशन टोकन गिनता है।</translation>
        </message>
        <message>
            <source>Give the key a name.</source>
            <translation>कुंजी को एक नाम दें।</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>नाम</translation>
        </message>
        <message>
            <source>Models</source>
            <translation>मॉडल</translation>
        </message>
        <message>
            <source>Requests this minute</source>
            <translation>इस मिनट के अनुरोध</translation>
        </message>
        <message>
            <source>Tokens this minute</source>
            <translation>इस मिनट के टोकन</translation>
        </message>
        <message>
            <source>Budget</source>
            <translation>बजट</translation>
        </message>
        <message>
            <source>Last used</source>
            <translation>अंतिम उपयोग</translation>
        </message>
        <message>
            <source>State</source>
            <translation>स्थिति</translation>
        </message>
        <message>
            <source>req</source>
            <translation>अनुरोध</translation>
        </message>
        <message>
            <source>tokens</source>
            <translation>टोकन</translation>
        </message>
        <message>
            <source>%1 tokens spent</source>
            <translation>%1 टोकन खर्च हुए</translation>
        </message>
        <message>
            <source>all</source>
            <translation>सभी</translation>
        </message>
        <message>
            <source>never</source>
            <translation>कभी नहीं</translation>
        </message>
        <message>
            <source>admin</source>
            <translation>एडमिन</translation>
        </message>
        <message>
            <source>revoked</source>
            <translation>रद्द</translation>
        </message>
        <message>
            <source>active</source>
            <translation>सक्रिय</translation>
        </message>
        <message>
            <source>%1 of %2 tokens left</source>
            <translation>%2 में से %1 टोकन बाकी</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>समय</translation>
        </message>
        <message>
            <source>Endpoint</source>
            <translation>एंडपॉइंट</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>मॉडल</translation>
        </message>
        <message>
            <source>Pod</source>
            <translation>पॉड</translation>
        </message>
        <message>
            <source>Prompt</source>
            <translation>प्रॉम्प्ट</translation>
        </message>
        <message>
            <source>Completion</source>
            <translation>कम्प्लीशन</translation>
        </message>
        <message>
            <source>Latency</source>
            <translation>विलंब</translation>
        </message>
        <message>
            <source>First token</source>
            <translation>पहला टोकन</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>स्थिति</translation>
        </message>
        <message>
            <source>%1 ms</source>
            <translation>%1 ms</translation>
        </message>
        <message>
            <source>%1 (stream)</source>
            <translation>%1 (स्ट्रीम)</translation>
        </message>
        <message>
            <source>Gateway keys</source>
            <translation>गेटवे कुंजियाँ</translation>
        </message>
        <message>
            <source>New key…</source>
            <translation>नई कुंजी…</translation>
        </message>
        <message>
            <source>Revoke…</source>
            <translation>रद्द करें…</translation>
        </message>
        <message>
            <source>Recent requests</source>
            <translation>हाल के अनुरोध</translation>
        </message>
        <message>
            <source>Clients use base_url %1 with one of these keys. The admin key has no limits and manages the others (also through %2/admin/keys).</source>
            <translation>क्लाइंट इनमें से किसी कुंजी के साथ base_url %1 उपयोग करते हैं। एडमिन कुंजी की कोई सीमा नहीं है और वह बाकी कुंजियाँ संभालती है (%2/admin/keys से भी)।</translation>
        </message>
        <message>
            <source>Revoke key</source>
            <translation>कुंजी रद्द करें</translation>
        </message>
        <message>
            <source>Revoke the key “%1” (%2…)? Apps using it get 401 from their next request on. This cannot be undone.</source>
            <translation>कुंजी “%1” (%2…) रद्द करें? इसे उपयोग करने वाले ऐप को अगले अनुरोध से 401 मिलेगा। यह वापस नहीं किया जा सकता।</translation>
        </message>
        <message>
            <source>The key was not created: %1</source>
            <translation>कुंजी नहीं बनी: %1</translation>
        </message>
        <message>
            <source>Saved.</source>
            <translation>सहेजा गया।</translation>
        </message>
        <message>
            <source>Not saved: %1</source>
            <translation>नहीं सहेजा गया: %1</translation>
        </message>
        <message>
            <source>Key “%1” created</source>
            <translation>कुंजी “%1” बनी</translation>
        </message>
        <message>
            <source>Copy the key now: this is the only time it is shown. Homeport keeps only its hash.</source>
            <translation>कुंजी अभी कॉपी करें: यह केवल इसी बार दिखाई जाती है। Homeport केवल उसका हैश रखता है।</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>कॉपी करें</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::InferencePage</name>
        <message>
            <source>up</source>
            <translation>चालू</translation>
        </message>
        <message>
            <source>degraded</source>
            <translation>कमज़ोर</translation>
        </message>
        <message>
            <source>cold</source>
            <translation>ठंडा</translation>
        </message>
        <message>
            <source>down</source>
            <translation>बंद</translation>
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
            <translation>OpenAI-संगत</translation>
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
            <translation>पॉड</translation>
        </message>
        <message>
            <source>RunPod</source>
            <translation>RunPod</translation>
        </message>
        <message>
            <source>Playground</source>
            <translation>प्लेग्राउंड</translation>
        </message>
        <message>
            <source>Keys &amp;&amp; requests</source>
            <translation>कुंजियाँ &amp;&amp; अनुरोध</translation>
        </message>
        <message>
            <source>Pod added to %1; checking it now.</source>
            <translation>पॉड %1 में जोड़ा गया; अभी जाँचा जा रहा है।</translation>
        </message>
        <message>
            <source>The pod was not added: %1</source>
            <translation>पॉड नहीं जोड़ा गया: %1</translation>
        </message>
        <message>
            <source>Done; RunPod is reloading the list.</source>
            <translation>हो गया; RunPod सूची फिर से लोड कर रहा है।</translation>
        </message>
        <message>
            <source>Error: %1</source>
            <translation>त्रुटि: %1</translation>
        </message>
        <message>
            <source>pod %1</source>
            <translation>पॉड %1</translation>
        </message>
        <message>
            <source>first token after %1 ms</source>
            <translation>%1 ms के बाद पहला टोकन</translation>
        </message>
        <message>
            <source>%1 ms in all</source>
            <translation>कुल %1 ms</translation>
        </message>
        <message>
            <source>%1 prompt + %2 completion tokens</source>
            <translation>%1 प्रॉम्प्ट + %2 कम्प्लीशन टोकन</translation>
        </message>
        <message>
            <source>Up or degraded</source>
            <translation>चालू या कमज़ोर</translation>
        </message>
        <message>
            <source>Tokens / s</source>
            <translation>टोकन / s</translation>
        </message>
        <message>
            <source>Cost / hour</source>
            <translation>लागत / घंटा</translation>
        </message>
        <message>
            <source>Generation tokens per second of every vLLM pod, from its /metrics over the last minute.</source>
            <translation>हर vLLM पॉड के प्रति सेकंड जनरेशन टोकन, पिछले मिनट के उसके /metrics से।</translation>
        </message>
        <message>
            <source>The sum of the pods' cost per hour from pods.json (cost_per_hour).</source>
            <translation>pods.json (cost_per_hour) से पॉड की प्रति घंटा लागत का योग।</translation>
        </message>
        <message>
            <source>Add pod…</source>
            <translation>पॉड जोड़ें…</translation>
        </message>
        <message>
            <source>No pods yet — add one</source>
            <translation>अभी कोई पॉड नहीं — एक जोड़ें</translation>
        </message>
        <message>
            <source>The gateway forwards OpenAI requests to the GPU pods you list: vLLM servers, RunPod serverless endpoints or any OpenAI-compatible server. Add one here (it is saved in pods.json), or pick a pod of your RunPod account on the RunPod tab.</source>
            <translation>गेटवे OpenAI अनुरोध आपके बताए GPU पॉड पर भेजता है: vLLM सर्वर, RunPod serverless एंडपॉइंट या कोई भी OpenAI-संगत सर्वर। यहाँ एक जोड़ें (यह pods.json में सहेजा जाता है), या RunPod टैब पर अपने RunPod खाते का कोई पॉड चुनें।</translation>
        </message>
        <message>
            <source>Pod</source>
            <translation>पॉड</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>प्रकार</translation>
        </message>
        <message>
            <source>State</source>
            <translation>स्थिति</translation>
        </message>
        <message>
            <source>Models</source>
            <translation>मॉडल</translation>
        </message>
        <message>
            <source>Requests</source>
            <translation>अनुरोध</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>कारण</translation>
        </message>
        <message>
            <source>Running / waiting</source>
            <translation>चल रहे / प्रतीक्षा में</translation>
        </message>
        <message>
            <source>KV cache</source>
            <translation>KV कैश</translation>
        </message>
        <message>
            <source>TTFT p50 / p95</source>
            <translation>TTFT p50 / p95</translation>
        </message>
        <message>
            <source>Cost / h</source>
            <translation>लागत / घंटा</translation>
        </message>
        <message>
            <source>Select a pod to see it over time</source>
            <translation>समय के साथ देखने के लिए एक पॉड चुनें</translation>
        </message>
        <message>
            <source>tokens / s</source>
            <translation>टोकन / s</translation>
        </message>
        <message>
            <source>generation</source>
            <translation>जनरेशन</translation>
        </message>
        <message>
            <source>KV cache %</source>
            <translation>KV कैश %</translation>
        </message>
        <message>
            <source>requests</source>
            <translation>अनुरोध</translation>
        </message>
        <message>
            <source>running</source>
            <translation>चल रहा है</translation>
        </message>
        <message>
            <source>waiting</source>
            <translation>प्रतीक्षा में</translation>
        </message>
        <message>
            <source>This machine's GPU</source>
            <translation>इस मशीन का GPU</translation>
        </message>
        <message>
            <source>Adding %1…</source>
            <translation>%1 जोड़ा जा रहा है…</translation>
        </message>
        <message>
            <source>%1 / %2 jobs</source>
            <translation>%1 / %2 जॉब</translation>
        </message>
        <message>
            <source>from %1</source>
            <translation>%1 से</translation>
        </message>
        <message>
            <source>%1 over time</source>
            <translation>समय के साथ %1</translation>
        </message>
        <message>
            <source>Not checked yet.</source>
            <translation>अभी जाँचा नहीं गया।</translation>
        </message>
        <message>
            <source>%1 % busy</source>
            <translation>%1 % व्यस्त</translation>
        </message>
        <message>
            <source>%1 of %2 GiB memory</source>
            <translation>%2 GiB में से %1 मेमोरी</translation>
        </message>
        <message>
            <source>%1 °C</source>
            <translation>%1 °C</translation>
        </message>
        <message>
            <source>RunPod API key</source>
            <translation>RunPod API कुंजी</translation>
        </message>
        <message>
            <source>rpa_… (kept 0600 in the data dir; leave empty and save to forget it)</source>
            <translation>rpa_… (डेटा फ़ोल्डर में 0600 के साथ रखी जाती है; भूलने के लिए खाली छोड़कर सहेजें)</translation>
        </message>
        <message>
            <source>Save key</source>
            <translation>कुंजी सहेजें</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>ताज़ा करें</translation>
        </message>
        <message>
            <source>No RunPod account yet</source>
            <translation>अभी कोई RunPod खाता नहीं</translation>
        </message>
        <message>
            <source>With a RunPod API key the console lists the account's pods and serverless endpoints, starts and stops pods, and adds them to the gateway in one click.</source>
            <translation>RunPod API कुंजी के साथ कंसोल खाते के पॉड और serverless एंडपॉइंट दिखाता है, पॉड शुरू और बंद करता है, और एक क्लिक में उन्हें गेटवे में जोड़ता है।</translation>
        </message>
        <message>
            <source>Start…</source>
            <translation>शुरू करें…</translation>
        </message>
        <message>
            <source>Stop…</source>
            <translation>बंद करें…</translation>
        </message>
        <message>
            <source>Add as gateway pod…</source>
            <translation>गेटवे पॉड के रूप में जोड़ें…</translation>
        </message>
        <message>
            <source>GPU</source>
            <translation>GPU</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>स्थिति</translation>
        </message>
        <message>
            <source>Last start</source>
            <translation>अंतिम शुरुआत</translation>
        </message>
        <message>
            <source>Data centre</source>
            <translation>डेटा सेंटर</translation>
        </message>
        <message>
            <source>OpenAI port</source>
            <translation>OpenAI पोर्ट</translation>
        </message>
        <message>
            <source>Serverless endpoints</source>
            <translation>Serverless एंडपॉइंट</translation>
        </message>
        <message>
            <source>Endpoint</source>
            <translation>एंडपॉइंट</translation>
        </message>
        <message>
            <source>Workers idle / running</source>
            <translation>वर्कर खाली / चल रहे</translation>
        </message>
        <message>
            <source>Jobs queued / running</source>
            <translation>जॉब कतार में / चल रहे</translation>
        </message>
        <message>
            <source>Workers min–max</source>
            <translation>वर्कर न्यूनतम–अधिकतम</translation>
        </message>
        <message>
            <source>OpenAI base URL</source>
            <translation>OpenAI बेस URL</translation>
        </message>
        <message>
            <source>RunPod key removed.</source>
            <translation>RunPod कुंजी हटाई गई।</translation>
        </message>
        <message>
            <source>Key saved; asking RunPod…</source>
            <translation>कुंजी सहेजी गई; RunPod से पूछा जा रहा है…</translation>
        </message>
        <message>
            <source>Start the RunPod pod %1 (%2)? RunPod bills it at %3 an hour while it runs.</source>
            <translation>RunPod पॉड %1 (%2) शुरू करें? चलते समय RunPod इसके लिए %3 प्रति घंटा लेता है।</translation>
        </message>
        <message>
            <source>Stop the RunPod pod %1? Requests it is serving are cut off; its volume is kept (and still billed).</source>
            <translation>RunPod पॉड %1 बंद करें? जिन अनुरोधों को यह संभाल रहा है वे कट जाएँगे; इसका वॉल्यूम बना रहता है (और उसका शुल्क लगता रहता है)।</translation>
        </message>
        <message>
            <source>Start pod</source>
            <translation>पॉड शुरू करें</translation>
        </message>
        <message>
            <source>Stop pod</source>
            <translation>पॉड बंद करें</translation>
        </message>
        <message>
            <source>Starting %1…</source>
            <translation>%1 शुरू हो रहा है…</translation>
        </message>
        <message>
            <source>Stopping %1…</source>
            <translation>%1 बंद हो रहा है…</translation>
        </message>
        <message>
            <source>None of this pod's HTTP ports answered /v1/models like an OpenAI server.</source>
            <translation>इस पॉड के किसी HTTP पोर्ट ने OpenAI सर्वर की तरह /v1/models का उत्तर नहीं दिया।</translation>
        </message>
        <message>
            <source>health: %1</source>
            <translation>स्वास्थ्य: %1</translation>
        </message>
        <message>
            <source>Asking RunPod…</source>
            <translation>RunPod से पूछा जा रहा है…</translation>
        </message>
        <message>
            <source>%1 pods and %2 serverless endpoints, as RunPod listed them at %3.</source>
            <translation>%1 पॉड और %2 serverless एंडपॉइंट, जैसे RunPod ने %3 पर सूचीबद्ध किए।</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>मॉडल</translation>
        </message>
        <message>
            <source>System</source>
            <translation>सिस्टम</translation>
        </message>
        <message>
            <source>optional system message</source>
            <translation>वैकल्पिक सिस्टम संदेश</translation>
        </message>
        <message>
            <source>Your message. It goes through the gateway on its own port with the gateway key, routed to a pod serving the model, and the reply streams in.</source>
            <translation>आपका संदेश। यह गेटवे की कुंजी के साथ उसके अपने पोर्ट से होकर उस पॉड तक जाता है जो मॉडल चलाता है, और उत्तर स्ट्रीम होकर आता है।</translation>
        </message>
        <message>
            <source>Send</source>
            <translation>भेजें</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>बंद करें</translation>
        </message>
        <message>
            <source>The reply appears here as the pod streams it.</source>
            <translation>पॉड के स्ट्रीम करते ही उत्तर यहाँ दिखता है।</translation>
        </message>
        <message>
            <source>No model to talk to: no pod is up.</source>
            <translation>बात करने के लिए कोई मॉडल नहीं: कोई पॉड चालू नहीं है।</translation>
        </message>
        <message>
            <source>Write a message first.</source>
            <translation>पहले एक संदेश लिखें।</translation>
        </message>
        <message>
            <source>Waiting for the first token…</source>
            <translation>पहले टोकन की प्रतीक्षा…</translation>
        </message>
        <message>
            <source>The inference service is not connected to this console.</source>
            <translation>inference सेवा इस कंसोल से जुड़ी नहीं है।</translation>
        </message>
        <message>
            <source>Inference failed to start: %1. The tables show its last known state.</source>
            <translation>Inference शुरू नहीं हो सका: %1। तालिकाएँ उसकी अंतिम ज्ञात स्थिति दिखाती हैं।</translation>
        </message>
        <message>
            <source>Inference is %1. Pods are checked and chats answered once it runs.</source>
            <translation>Inference %1 है। उसके चलने पर पॉड जाँचे जाएँगे और चैट का उत्तर मिलेगा।</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::InferencePodDialog</name>
        <message>
            <source>Add a GPU pod</source>
            <translation>एक GPU पॉड जोड़ें</translation>
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
            <translation>RunPod serverless एंडपॉइंट</translation>
        </message>
        <message>
            <source>Other OpenAI-compatible server</source>
            <translation>अन्य OpenAI-संगत सर्वर</translation>
        </message>
        <message>
            <source>optional: the pod's --api-key, or the RunPod API key</source>
            <translation>वैकल्पिक: पॉड की --api-key, या RunPod API कुंजी</translation>
        </message>
        <message>
            <source>not set</source>
            <translation>सेट नहीं</translation>
        </message>
        <message>
            <source>optional, comma-separated: asked from /v1/models when empty</source>
            <translation>वैकल्पिक, अल्पविराम से अलग: खाली होने पर /v1/models से पूछा जाता है</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>नाम</translation>
        </message>
        <message>
            <source>OpenAI base URL</source>
            <translation>OpenAI बेस URL</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>प्रकार</translation>
        </message>
        <message>
            <source>API key</source>
            <translation>API कुंजी</translation>
        </message>
        <message>
            <source>Cost per hour</source>
            <translation>प्रति घंटा लागत</translation>
        </message>
        <message>
            <source>Models</source>
            <translation>मॉडल</translation>
        </message>
        <message>
            <source>Give the pod a name.</source>
            <translation>पॉड को एक नाम दें।</translation>
        </message>
        <message>
            <source>The URL is the pod's OpenAI base URL, http(s)://host:port/v1.</source>
            <translation>URL पॉड का OpenAI बेस URL है, http(s)://host:port/v1।</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::LogModel</name>
        <message>
            <source>Time</source>
            <translation>समय</translation>
        </message>
        <message>
            <source>Level</source>
            <translation>स्तर</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>श्रेणी</translation>
        </message>
        <message>
            <source>Message</source>
            <translation>संदेश</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::LogsPage</name>
        <message>
            <source>Follow new lines</source>
            <translation>नई पंक्तियों के साथ चलें</translation>
        </message>
        <message>
            <source>Logs</source>
            <translation>लॉग</translation>
        </message>
        <message>
            <source>Everything Homeport and its services log, newest last. Headless servers write the same lines to stderr (journald).</source>
            <translation>Homeport और उसकी सेवाएँ जो कुछ लॉग करती हैं, सबसे नया अंत में। बिना विंडो वाले सर्वर यही पंक्तियाँ stderr (journald) पर लिखते हैं।</translation>
        </message>
        <message>
            <source>Debug and above</source>
            <translation>डीबग और ऊपर</translation>
        </message>
        <message>
            <source>Info and above</source>
            <translation>सूचना और ऊपर</translation>
        </message>
        <message>
            <source>Warnings and above</source>
            <translation>चेतावनियाँ और ऊपर</translation>
        </message>
        <message>
            <source>Errors only</source>
            <translation>केवल त्रुटियाँ</translation>
        </message>
        <message>
            <source>All services</source>
            <translation>सभी सेवाएँ</translation>
        </message>
        <message>
            <source>Filter by text or category…</source>
            <translation>टेक्स्ट या श्रेणी से फ़िल्टर करें…</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>साफ़ करें</translation>
        </message>
        <message>
            <source>Clears this view; the log itself is kept</source>
            <translation>यह दृश्य साफ़ करता है; लॉग ख़ुद बना रहता है</translation>
        </message>
        <message>
            <source>Level:</source>
            <translation>स्तर:</translation>
        </message>
        <message>
            <source>%1 of %2 lines shown</source>
            <translation>%2 में से %1 पंक्तियाँ दिखाई गईं</translation>
        </message>
        <message>
            <source>No log lines yet.</source>
            <translation>अभी कोई लॉग पंक्ति नहीं।</translation>
        </message>
        <message>
            <source>No lines match the filter.</source>
            <translation>कोई पंक्ति फ़िल्टर से मेल नहीं खाती।</translation>
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
            <translation>अवलोकन</translation>
        </message>
        <message>
            <source>Logs</source>
            <translation>लॉग</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>सेटिंग्स</translation>
        </message>
        <message>
            <source>Admin API %1</source>
            <translation>एडमिन API %1</translation>
        </message>
        <message>
            <source>Version %1</source>
            <translation>संस्करण %1</translation>
        </message>
        <message>
            <source>Data folder: %1</source>
            <translation>डेटा फ़ोल्डर: %1</translation>
        </message>
        <message>
            <source>Open log</source>
            <translation>लॉग खोलें</translation>
        </message>
        <message>
            <source>Restart</source>
            <translation>फिर से शुरू करें</translation>
        </message>
        <message>
            <source>Dismiss</source>
            <translation>हटाएँ</translation>
        </message>
        <message>
            <source>no reason given</source>
            <translation>कोई कारण नहीं दिया गया</translation>
        </message>
        <message>
            <source>%1 failed: %2</source>
            <translation>%1 विफल: %2</translation>
        </message>
        <message>
            <source>%1 failed</source>
            <translation>%1 विफल</translation>
        </message>
        <message>
            <source>%1
Click to open its log.</source>
            <translation>%1
इसका लॉग खोलने के लिए क्लिक करें।</translation>
        </message>
        <message>
            <source>The Laravel .env settings are on the clipboard.</source>
            <translation>Laravel .env सेटिंग्स क्लिपबोर्ड पर हैं।</translation>
        </message>
        <message>
            <source>Homeport is still running</source>
            <translation>Homeport अभी भी चल रहा है</translation>
        </message>
        <message>
            <source>Your services keep running. Open the console or quit from the tray icon.</source>
            <translation>आपकी सेवाएँ चलती रहती हैं। कंसोल खोलें या ट्रे आइकन से बंद करें।</translation>
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
            <translation>अवलोकन</translation>
        </message>
        <message>
            <source>Start all</source>
            <translation>सभी शुरू करें</translation>
        </message>
        <message>
            <source>Stop all</source>
            <translation>सभी बंद करें</translation>
        </message>
        <message>
            <source>Copy .env</source>
            <translation>.env कॉपी करें</translation>
        </message>
        <message>
            <source>Copies the settings for a Laravel app (Pusher, Sentry DSN, Typesense, S3 disk, OpenAI base URL), the same as homeport --print-env laravel</source>
            <translation>Laravel ऐप की सेटिंग्स कॉपी करता है (Pusher, Sentry DSN, Typesense, S3 डिस्क, OpenAI बेस URL), homeport --print-env laravel के समान</translation>
        </message>
        <message>
            <source>Admin API: http://%1 (/health, /status, /metrics)</source>
            <translation>एडमिन API: http://%1 (/health, /status, /metrics)</translation>
        </message>
        <message>
            <source>Data: %1</source>
            <translation>डेटा: %1</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::SearchApiClient</name>
        <message>
            <source>The search service is not connected to this console.</source>
            <translation>search सेवा इस कंसोल से जुड़ी नहीं है।</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::SearchApiListPanel</name>
        <message>
            <source>Delete…</source>
            <translation>हटाएँ…</translation>
        </message>
        <message>
            <source>Reload</source>
            <translation>फिर से लोड करें</translation>
        </message>
        <message>
            <source>No collection</source>
            <translation>कोई कलेक्शन नहीं</translation>
        </message>
        <message>
            <source>Create a collection first; %1s belong to one.</source>
            <translation>पहले एक कलेक्शन बनाएँ; %1 किसी कलेक्शन के होते हैं।</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>लोड हो रहा है…</translation>
        </message>
        <message>
            <source>Not available</source>
            <translation>उपलब्ध नहीं</translation>
        </message>
        <message>
            <source>Could not load the %1s</source>
            <translation>%1 लोड नहीं हो सके</translation>
        </message>
        <message>
            <source>The search service answered 404 “Not Found” to GET %1. %2</source>
            <translation>search सेवा ने GET %1 पर 404 “Not Found” उत्तर दिया। %2</translation>
        </message>
        <message>
            <source>%1 (HTTP %2)</source>
            <translation>%1 (HTTP %2)</translation>
        </message>
        <message>
            <source>Delete %1</source>
            <translation>%1 हटाएँ</translation>
        </message>
        <message>
            <source>Delete this %1 (DELETE %2)?</source>
            <translation>यह %1 हटाएँ (DELETE %2)?</translation>
        </message>
        <message>
            <source>Deleted.</source>
            <translation>हटाया गया।</translation>
        </message>
        <message>
            <source>Not deleted: %1</source>
            <translation>नहीं हटाया गया: %1</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::SearchCollectionModel</name>
        <message>
            <source>Name</source>
            <translation>नाम</translation>
        </message>
        <message>
            <source>Documents</source>
            <translation>दस्तावेज़</translation>
        </message>
        <message>
            <source>Fields</source>
            <translation>फ़ील्ड</translation>
        </message>
        <message>
            <source>Created</source>
            <translation>बनाया गया</translation>
        </message>
        <message>
            <source>What the collection's index holds in the service's memory: posting lists, the word dictionary, sort and facet columns and the document records. The documents themselves are read from disk.</source>
            <translation>कलेक्शन का इंडेक्स सेवा की मेमोरी में जितना रखता है: पोस्टिंग सूचियाँ, शब्दकोश, सॉर्ट और फ़ैसेट कॉलम और दस्तावेज़ों के रिकॉर्ड। दस्तावेज़ स्वयं डिस्क से पढ़े जाते हैं।</translation>
        </message>
        <message>
            <source>The documents as compact JSON, as the collection's log holds them on disk.</source>
            <translation>दस्तावेज़ संक्षिप्त JSON के रूप में, जैसे कलेक्शन का लॉग उन्हें डिस्क पर रखता है।</translation>
        </message>
        <message>
            <source>Memory</source>
            <translation>मेमोरी</translation>
        </message>
        <message>
            <source>Documents' size</source>
            <translation>दस्तावेज़ों का आकार</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::SearchJsonDialog</name>
        <message>
            <source>Send</source>
            <translation>भेजें</translation>
        </message>
        <message>
            <source>Not valid JSON at character %1: %2.</source>
            <translation>अक्षर %1 पर मान्य JSON नहीं: %2।</translation>
        </message>
        <message>
            <source>The body must be one JSON object.</source>
            <translation>बॉडी एक JSON ऑब्जेक्ट होनी चाहिए।</translation>
        </message>
        <message>
            <source>The server answered %1: %2</source>
            <translation>सर्वर ने उत्तर दिया %1: %2</translation>
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
            <translation>विलंब, ms</translation>
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
            <translation>अवलोकन</translation>
        </message>
        <message>
            <source>Collections</source>
            <translation>कलेक्शन</translation>
        </message>
        <message>
            <source>Documents</source>
            <translation>दस्तावेज़</translation>
        </message>
        <message>
            <source>Search</source>
            <translation>खोज</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>आयात</translation>
        </message>
        <message>
            <source>API keys</source>
            <translation>API कुंजियाँ</translation>
        </message>
        <message>
            <source>Synonyms</source>
            <translation>पर्यायवाची</translation>
        </message>
        <message>
            <source>Overrides</source>
            <translation>ओवरराइड</translation>
        </message>
        <message>
            <source>The collection this tab works on</source>
            <translation>वह कलेक्शन जिस पर यह टैब काम करता है</translation>
        </message>
        <message>
            <source>Collection</source>
            <translation>कलेक्शन</translation>
        </message>
        <message>
            <source>Requests, last minute</source>
            <translation>अनुरोध, पिछला मिनट</translation>
        </message>
        <message>
            <source>p99, last minute</source>
            <translation>p99, पिछला मिनट</translation>
        </message>
        <message>
            <source>Of every request to the search port, from the latency histogram</source>
            <translation>search पोर्ट के हर अनुरोध का, विलंब हिस्टोग्राम से</translation>
        </message>
        <message>
            <source>Every request to the search port, the console's own too, estimated within the latency histogram's buckets.</source>
            <translation>search पोर्ट का हर अनुरोध, कंसोल के अपने भी, विलंब हिस्टोग्राम की बकेट के भीतर अनुमानित।</translation>
        </message>
        <message>
            <source>Searches, writes and imports alike. Seconds without requests are left out.</source>
            <translation>खोज, लेखन और आयात सभी। बिना अनुरोध वाले सेकंड छोड़ दिए जाते हैं।</translation>
        </message>
        <message>
            <source>Copied. This is the admin key: give browsers a search-only key (API keys tab).</source>
            <translation>कॉपी हुआ। यह एडमिन कुंजी है: ब्राउज़र को केवल-खोज कुंजी दें (API कुंजियाँ टैब)।</translation>
        </message>
        <message>
            <source>&lt;api key&gt;</source>
            <translation>&lt;API कुंजी&gt;</translation>
        </message>
        <message>
            <source>New collection…</source>
            <translation>नया कलेक्शन…</translation>
        </message>
        <message>
            <source>Add or drop fields…</source>
            <translation>फ़ील्ड जोड़ें या हटाएँ…</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>फ़ील्ड</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>प्रकार</translation>
        </message>
        <message>
            <source>Facet</source>
            <translation>फ़ेसट</translation>
        </message>
        <message>
            <source>Optional</source>
            <translation>वैकल्पिक</translation>
        </message>
        <message>
            <source>Sort</source>
            <translation>क्रम</translation>
        </message>
        <message>
            <source>Index</source>
            <translation>इंडेक्स</translation>
        </message>
        <message>
            <source>No collections yet</source>
            <translation>अभी कोई कलेक्शन नहीं</translation>
        </message>
        <message>
            <source>A collection holds documents of one schema. Create one here, or from your app with a Typesense client (Connect on the Overview tab), then import JSONL.</source>
            <translation>एक कलेक्शन एक स्कीमा के दस्तावेज़ रखता है। यहाँ बनाएँ, या अपने ऐप से Typesense क्लाइंट के ज़रिए (अवलोकन टैब पर जोड़ें), फिर JSONL आयात करें।</translation>
        </message>
        <message>
            <source>Select a collection to see its schema</source>
            <translation>स्कीमा देखने के लिए एक कलेक्शन चुनें</translation>
        </message>
        <message>
            <source>Schema of “%1”</source>
            <translation>“%1” का स्कीमा</translation>
        </message>
        <message>
            <source>Schema of “%1” · default sorting field %2</source>
            <translation>“%1” का स्कीमा · डिफ़ॉल्ट क्रम फ़ील्ड %2</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>हाँ</translation>
        </message>
        <message>
            <source>no</source>
            <translation>नहीं</translation>
        </message>
        <message>
            <source>New collection</source>
            <translation>नया कलेक्शन</translation>
        </message>
        <message>
            <source>The schema as POST /collections takes it: a name, fields with their types (string, int32, int64, float, bool, their arrays, auto), facet, optional, sort; default_sorting_field. The server checks it.</source>
            <translation>स्कीमा जैसे POST /collections लेता है: एक नाम, उनके प्रकार के साथ फ़ील्ड (string, int32, int64, float, bool, उनकी arrays, auto), facet, optional, sort; default_sorting_field। सर्वर इसे जाँचता है।</translation>
        </message>
        <message>
            <source>Created “%1”.</source>
            <translation>“%1” बनाया गया।</translation>
        </message>
        <message>
            <source>Add or drop fields of “%1”</source>
            <translation>“%1” के फ़ील्ड जोड़ें या हटाएँ</translation>
        </message>
        <message>
            <source>PATCH /collections/%1: new fields to add, and {"name": …, "drop": true} for fields to drop. Every document must fit the new schema.</source>
            <translation>PATCH /collections/%1: जोड़ने के लिए नए फ़ील्ड, और हटाने वाले फ़ील्ड के लिए {"name": …, "drop": true}। हर दस्तावेज़ नए स्कीमा में फ़िट होना चाहिए।</translation>
        </message>
        <message>
            <source>Altered “%1”.</source>
            <translation>“%1” बदला गया।</translation>
        </message>
        <message>
            <source>Delete the collection “%1” with its %2 documents? Apps searching it get 404 from then on.</source>
            <translation>कलेक्शन “%1” को उसके %2 दस्तावेज़ों के साथ हटाएँ? इसमें खोजने वाले ऐप को इसके बाद 404 मिलेगा।</translation>
        </message>
        <message>
            <source>Delete collection</source>
            <translation>कलेक्शन हटाएँ</translation>
        </message>
        <message>
            <source>Deleted “%1”.</source>
            <translation>“%1” हटाया गया।</translation>
        </message>
        <message>
            <source>“%1” was not deleted: %2</source>
            <translation>“%1” नहीं हटाया गया: %2</translation>
        </message>
        <message>
            <source>Deleting “%1”…</source>
            <translation>“%1” हटाया जा रहा है…</translation>
        </message>
        <message>
            <source>filter_by, e.g. price:&lt;100 &amp;&amp; brand:=acme (empty: every document)</source>
            <translation>filter_by, जैसे price:&lt;100 &amp;&amp; brand:=acme (खाली: हर दस्तावेज़)</translation>
        </message>
        <message>
            <source>Load</source>
            <translation>लोड करें</translation>
        </message>
        <message>
            <source>‹ Previous</source>
            <translation>‹ पिछला</translation>
        </message>
        <message>
            <source>Next ›</source>
            <translation>अगला ›</translation>
        </message>
        <message>
            <source>No collection yet: create one on the Collections tab.</source>
            <translation>अभी कोई कलेक्शन नहीं: कलेक्शन टैब पर एक बनाएँ।</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>लोड हो रहा है…</translation>
        </message>
        <message>
            <source>The server answered %1: %2</source>
            <translation>सर्वर ने उत्तर दिया %1: %2</translation>
        </message>
        <message>
            <source>No document in “%1” matches.</source>
            <translation>“%1” में कोई दस्तावेज़ मेल नहीं खाता।</translation>
        </message>
        <message>
            <source>%1 documents in “%2” · page %3 of %4</source>
            <translation>“%2” में %1 दस्तावेज़ · पृष्ठ %3 / %4</translation>
        </message>
        <message>
            <source>words, "phrases", -exclusions, or * for every document</source>
            <translation>शब्द, "वाक्यांश", -बहिष्कार, या हर दस्तावेज़ के लिए *</translation>
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
            <translation>खोज रहे हैं…</translation>
        </message>
        <message>
            <source>&lt;p&gt;No hits.&lt;/p&gt;</source>
            <translation>&lt;p&gt;कोई परिणाम नहीं।&lt;/p&gt;</translation>
        </message>
        <message>
            <source>&lt;p style="color:gray"&gt;No facets: name facet fields in facet_by.&lt;/p&gt;</source>
            <translation>&lt;p style="color:gray"&gt;कोई फ़ेसट नहीं: facet_by में फ़ेसट फ़ील्ड बताएँ।&lt;/p&gt;</translation>
        </message>
        <message>
            <source>The import's action: create refuses existing ids, upsert replaces, update changes fields of existing documents, emplace does either</source>
            <translation>आयात की क्रिया: create मौजूदा id को अस्वीकार करता है, upsert बदल देता है, update मौजूदा दस्तावेज़ों के फ़ील्ड बदलता है, emplace दोनों में से कोई करता है</translation>
        </message>
        <message>
            <source>action</source>
            <translation>क्रिया</translation>
        </message>
        <message>
            <source>Import a JSONL file…</source>
            <translation>एक JSONL फ़ाइल आयात करें…</translation>
        </message>
        <message>
            <source>Import JSONL</source>
            <translation>JSONL आयात करें</translation>
        </message>
        <message>
            <source>JSON Lines (*.jsonl *.ndjson *.json);;All files (*)</source>
            <translation>JSON Lines (*.jsonl *.ndjson *.json);;सभी फ़ाइलें (*)</translation>
        </message>
        <message>
            <source>One JSON document a line, as POST …/documents/import takes it</source>
            <translation>हर पंक्ति में एक JSON दस्तावेज़, जैसे POST …/documents/import लेता है</translation>
        </message>
        <message>
            <source>%p% of the file</source>
            <translation>फ़ाइल का %p%</translation>
        </message>
        <message>
            <source>Line</source>
            <translation>पंक्ति</translation>
        </message>
        <message>
            <source>Error</source>
            <translation>त्रुटि</translation>
        </message>
        <message>
            <source>Document</source>
            <translation>दस्तावेज़</translation>
        </message>
        <message>
            <source>The file is sent in batches of %1 lines; each line is answered on its own, so good lines are kept when others fail. Failed lines are listed with the server's message.</source>
            <translation>फ़ाइल %1 पंक्तियों के बैच में भेजी जाती है; हर पंक्ति का अलग उत्तर आता है, इसलिए दूसरी विफल होने पर भी अच्छी पंक्तियाँ रहती हैं। विफल पंक्तियाँ सर्वर के संदेश के साथ सूचीबद्ध होती हैं।</translation>
        </message>
        <message>
            <source>Create a collection first: documents are imported into one.</source>
            <translation>पहले एक कलेक्शन बनाएँ: दस्तावेज़ उसी में आयात होते हैं।</translation>
        </message>
        <message>
            <source>Cannot read %1: %2</source>
            <translation>%1 पढ़ा नहीं जा सकता: %2</translation>
        </message>
        <message>
            <source>%1 → “%2” (%3)</source>
            <translation>%1 → “%2” (%3)</translation>
        </message>
        <message>
            <source>Importing…</source>
            <translation>आयात हो रहा है…</translation>
        </message>
        <message>
            <source>The file has no lines to import.</source>
            <translation>फ़ाइल में आयात के लिए कोई पंक्ति नहीं है।</translation>
        </message>
        <message>
            <source>Done: %1 documents imported.</source>
            <translation>पूरा: %1 दस्तावेज़ आयात हुए।</translation>
        </message>
        <message>
            <source>Done: %1 imported, %2 failed (listed below).</source>
            <translation>पूरा: %1 आयात हुए, %2 विफल (नीचे सूचीबद्ध)।</translation>
        </message>
        <message>
            <source>Stopped at line %1: the server answered %2: %3</source>
            <translation>पंक्ति %1 पर रुका: सर्वर ने उत्तर दिया %2: %3</translation>
        </message>
        <message>
            <source>no result for this line</source>
            <translation>इस पंक्ति का कोई परिणाम नहीं</translation>
        </message>
        <message>
            <source>Importing… %1 imported, %2 failed</source>
            <translation>आयात हो रहा है… %1 आयात हुए, %2 विफल</translation>
        </message>
        <message>
            <source>key</source>
            <translation>कुंजी</translation>
        </message>
        <message>
            <source>Id</source>
            <translation>id</translation>
        </message>
        <message>
            <source>Prefix</source>
            <translation>उपसर्ग</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>विवरण</translation>
        </message>
        <message>
            <source>Actions</source>
            <translation>क्रियाएँ</translation>
        </message>
        <message>
            <source>Expires</source>
            <translation>समाप्ति</translation>
        </message>
        <message>
            <source>never</source>
            <translation>कभी नहीं</translation>
        </message>
        <message>
            <source>No API keys yet</source>
            <translation>अभी कोई API कुंजी नहीं</translation>
        </message>
        <message>
            <source>Apps can use the admin key, but browsers should get a search-only key, or a scoped key made from one that limits what they see.</source>
            <translation>ऐप एडमिन कुंजी उपयोग कर सकते हैं, पर ब्राउज़र को केवल-खोज कुंजी, या उससे बनी स्कोप्ड कुंजी मिलनी चाहिए जो सीमित करे कि वे क्या देखें।</translation>
        </message>
        <message>
            <source>This Homeport's search service has no API key management yet; clients use the admin key shown under Connect on the Overview tab.</source>
            <translation>इस Homeport की search सेवा में अभी API कुंजी प्रबंधन नहीं है; क्लाइंट अवलोकन टैब पर जोड़ें में दिखाई गई एडमिन कुंजी उपयोग करते हैं।</translation>
        </message>
        <message>
            <source>New search-only key…</source>
            <translation>नई केवल-खोज कुंजी…</translation>
        </message>
        <message>
            <source>New search-only key</source>
            <translation>नई केवल-खोज कुंजी</translation>
        </message>
        <message>
            <source>POST /keys. A key that can only search: safe to put in a browser. The key's value is shown once.</source>
            <translation>POST /keys। ऐसी कुंजी जो केवल खोज सकती है: ब्राउज़र में रखने के लिए सुरक्षित। कुंजी का मान एक बार दिखाया जाता है।</translation>
        </message>
        <message>
            <source>New key…</source>
            <translation>नई कुंजी…</translation>
        </message>
        <message>
            <source>New API key</source>
            <translation>नई API कुंजी</translation>
        </message>
        <message>
            <source>POST /keys with the actions (e.g. documents:*, collections:get, *) and collections it may use; expires_at in seconds since the epoch is optional.</source>
            <translation>POST /keys क्रियाओं (जैसे documents:*, collections:get, *) और उन कलेक्शन के साथ जिन्हें यह उपयोग कर सकती है; epoch से सेकंड में expires_at वैकल्पिक है।</translation>
        </message>
        <message>
            <source>the value of a key created here appears here once</source>
            <translation>यहाँ बनी कुंजी का मान यहाँ एक बार दिखता है</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>कॉपी करें</translation>
        </message>
        <message>
            <source>a search-only key's value</source>
            <translation>किसी केवल-खोज कुंजी का मान</translation>
        </message>
        <message>
            <source>Generate</source>
            <translation>बनाएँ</translation>
        </message>
        <message>
            <source>Scoped key copied.</source>
            <translation>स्कोप्ड कुंजी कॉपी हुई।</translation>
        </message>
        <message>
            <source>Parent key</source>
            <translation>मूल कुंजी</translation>
        </message>
        <message>
            <source>Embedded</source>
            <translation>अंतर्निहित</translation>
        </message>
        <message>
            <source>Scoped key</source>
            <translation>स्कोप्ड कुंजी</translation>
        </message>
        <message>
            <source>Scoped search key</source>
            <translation>स्कोप्ड खोज कुंजी</translation>
        </message>
        <message>
            <source>Made here, as typesense-js' generateScopedSearchKey does: the parameters are signed with the parent key (HMAC-SHA256), so the server enforces them (its filter_by is joined to every search with &amp;&amp;). Nothing is sent.</source>
            <translation>यहीं बनाई गई, जैसे typesense-js का generateScopedSearchKey करता है: पैरामीटर मूल कुंजी से हस्ताक्षरित होते हैं (HMAC-SHA256), ताकि सर्वर उन्हें लागू करे (इसका filter_by हर खोज से &amp;&amp; द्वारा जुड़ता है)। कुछ भी भेजा नहीं जाता।</translation>
        </message>
        <message>
            <source>Key created: copy its value now, it is not shown again.</source>
            <translation>कुंजी बनी: इसका मान अभी कॉपी करें, यह फिर नहीं दिखेगा।</translation>
        </message>
        <message>
            <source>Give the parent key: the value of a search-only key.</source>
            <translation>मूल कुंजी दें: किसी केवल-खोज कुंजी का मान।</translation>
        </message>
        <message>
            <source>The embedded parameters must be one JSON object, e.g. {"filter_by": "user_id:=7"}.</source>
            <translation>अंतर्निहित पैरामीटर एक JSON ऑब्जेक्ट होने चाहिए, जैसे {"filter_by": "user_id:=7"}।</translation>
        </message>
        <message>
            <source>Give this key to the client: searches with it are limited as embedded.</source>
            <translation>यह कुंजी क्लाइंट को दें: इससे की गई खोजें अंतर्निहित पैरामीटर जितनी सीमित हैं।</translation>
        </message>
        <message>
            <source>synonym</source>
            <translation>पर्यायवाची</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>प्रकार</translation>
        </message>
        <message>
            <source>multi-way</source>
            <translation>बहु-दिशा</translation>
        </message>
        <message>
            <source>one-way</source>
            <translation>एक-दिशा</translation>
        </message>
        <message>
            <source>Root</source>
            <translation>मूल</translation>
        </message>
        <message>
            <source>No synonyms yet</source>
            <translation>अभी कोई पर्यायवाची नहीं</translation>
        </message>
        <message>
            <source>Multi-way synonyms make words interchangeable (sneaker, shoe, trainer); a one-way synonym with a root also finds the synonyms when the root is searched.</source>
            <translation>बहु-दिशा पर्यायवाची शब्दों को अदला-बदली योग्य बनाते हैं (sneaker, shoe, trainer); मूल वाला एक-दिशा पर्यायवाची मूल खोजने पर पर्यायवाची भी ढूँढता है।</translation>
        </message>
        <message>
            <source>Synonyms are not in this Homeport's search service yet.</source>
            <translation>इस Homeport की search सेवा में अभी पर्यायवाची नहीं हैं।</translation>
        </message>
        <message>
            <source>Give the synonym an "id": it becomes part of its address.</source>
            <translation>पर्यायवाची को एक "id" दें: यह उसके पते का हिस्सा बनती है।</translation>
        </message>
        <message>
            <source>New synonym…</source>
            <translation>नया पर्यायवाची…</translation>
        </message>
        <message>
            <source>New synonym</source>
            <translation>नया पर्यायवाची</translation>
        </message>
        <message>
            <source>PUT /collections/{collection}/synonyms/{id}: the id names it; add "root" for a one-way synonym.</source>
            <translation>PUT /collections/{collection}/synonyms/{id}: id उसका नाम है; एक-दिशा पर्यायवाची के लिए "root" जोड़ें।</translation>
        </message>
        <message>
            <source>Edit…</source>
            <translation>संपादित करें…</translation>
        </message>
        <message>
            <source>Edit synonym</source>
            <translation>पर्यायवाची संपादित करें</translation>
        </message>
        <message>
            <source>PUT /collections/{collection}/synonyms/{id} replaces the synonym with this id.</source>
            <translation>PUT /collections/{collection}/synonyms/{id} इस id वाले पर्यायवाची को बदल देता है।</translation>
        </message>
        <message>
            <source>override</source>
            <translation>ओवरराइड</translation>
        </message>
        <message>
            <source>Rule</source>
            <translation>नियम</translation>
        </message>
        <message>
            <source>Includes</source>
            <translation>शामिल</translation>
        </message>
        <message>
            <source>Excludes</source>
            <translation>बाहर</translation>
        </message>
        <message>
            <source>Also</source>
            <translation>और भी</translation>
        </message>
        <message>
            <source>No overrides yet</source>
            <translation>अभी कोई ओवरराइड नहीं</translation>
        </message>
        <message>
            <source>An override curates results for a query: pin documents at positions, hide others, add a filter or replace the query.</source>
            <translation>ओवरराइड किसी क्वेरी के परिणाम चुनता है: दस्तावेज़ों को स्थानों पर पिन करें, दूसरों को छिपाएँ, फ़िल्टर जोड़ें या क्वेरी बदलें।</translation>
        </message>
        <message>
            <source>Overrides (curation) are not in this Homeport's search service yet.</source>
            <translation>ओवरराइड (क्यूरेशन) इस Homeport की search सेवा में अभी नहीं हैं।</translation>
        </message>
        <message>
            <source>Give the override an "id": it becomes part of its address.</source>
            <translation>ओवरराइड को एक "id" दें: यह उसके पते का हिस्सा बनती है।</translation>
        </message>
        <message>
            <source>New override…</source>
            <translation>नया ओवरराइड…</translation>
        </message>
        <message>
            <source>New override</source>
            <translation>नया ओवरराइड</translation>
        </message>
        <message>
            <source>PUT /collections/{collection}/overrides/{id}: a rule (query with match exact or contains, and/or filter_by), then includes, excludes, filter_by, sort_by, replace_query, stop_processing.</source>
            <translation>PUT /collections/{collection}/overrides/{id}: एक नियम (match exact या contains के साथ query, और/या filter_by), फिर includes, excludes, filter_by, sort_by, replace_query, stop_processing।</translation>
        </message>
        <message>
            <source>Edit override</source>
            <translation>ओवरराइड संपादित करें</translation>
        </message>
        <message>
            <source>PUT /collections/{collection}/overrides/{id} replaces the override with this id.</source>
            <translation>PUT /collections/{collection}/overrides/{id} इस id वाले ओवरराइड को बदल देता है।</translation>
        </message>
        <message>
            <source>–</source>
            <translation>–</translation>
        </message>
        <message>
            <source>no requests in the last second</source>
            <translation>पिछले सेकंड में कोई अनुरोध नहीं</translation>
        </message>
        <message>
            <source>last second: %1 requests · p50 %2 · p99 %3</source>
            <translation>पिछला सेकंड: %1 अनुरोध · p50 %2 · p99 %3</translation>
        </message>
        <message>
            <source>The search service stopped before it answered.</source>
            <translation>search सेवा उत्तर देने से पहले रुक गई।</translation>
        </message>
        <message>
            <source>The search service is not connected to this console.</source>
            <translation>search सेवा इस कंसोल से जुड़ी नहीं है।</translation>
        </message>
        <message>
            <source>Search failed to start: %1. The tables show its last known state.</source>
            <translation>Search शुरू नहीं हो सका: %1। तालिकाएँ उसकी अंतिम ज्ञात स्थिति दिखाती हैं।</translation>
        </message>
        <message>
            <source>Search is %1. Collections load and requests are answered once it runs.</source>
            <translation>Search %1 है। उसके चलने पर कलेक्शन लोड होंगे और अनुरोधों का उत्तर मिलेगा।</translation>
        </message>
        <message>
            <source>Request latency per second, p50 and p99, %1</source>
            <translation>प्रति सेकंड अनुरोध विलंब, p50 और p99, %1</translation>
        </message>
        <message>
            <source>Request latency per minute, p50 and p99, %1</source>
            <translation>प्रति मिनट अनुरोध विलंब, p50 और p99, %1</translation>
        </message>
        <message>
            <source>Hits show here, the matched words highlighted. Type a query (* for every document) and press Enter or Search.</source>
            <translation>मिलान यहाँ दिखते हैं, मिले हुए शब्द हाइलाइट किए हुए। क्वेरी लिखें (हर दस्तावेज़ के लिए *) और Enter या खोज दबाएँ।</translation>
        </message>
        <message>
            <source>Counts per value of the fields in facet_by show here.</source>
            <translation>facet_by के फ़ील्ड के हर मान की गिनती यहाँ दिखती है।</translation>
        </message>
        <message>
            <source>No key made yet: its value shows here once, right after New key.</source>
            <translation>अभी कोई कुंजी नहीं बनी: उसका मान नई कुंजी बनते ही यहाँ एक बार दिखता है।</translation>
        </message>
        <message>
            <source>Key copied.</source>
            <translation>कुंजी कॉपी हुई।</translation>
        </message>
        <message>
            <source>Nothing to copy yet: give the parent key and press Generate.</source>
            <translation>अभी कॉपी करने को कुछ नहीं: मूल कुंजी दें और बनाएँ दबाएँ।</translation>
        </message>
        <message>
            <source>New key's value</source>
            <translation>नई कुंजी का मान</translation>
        </message>
        <message>
            <source>Memory</source>
            <translation>मेमोरी</translation>
        </message>
        <message>
            <source>What the collections' indexes hold in the service's memory. The documents themselves, %1 as compact JSON, are read from disk.</source>
            <translation>कलेक्शनों के इंडेक्स सेवा की मेमोरी में जितना रखते हैं। दस्तावेज़ स्वयं, संक्षिप्त JSON के रूप में %1, डिस्क से पढ़े जाते हैं।</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::SearchResultFormat</name>
        <message>
            <source>%1 found of %2 documents · page %3 · %4 ms on the server</source>
            <translation>%2 दस्तावेज़ों में से %1 मिले · पृष्ठ %3 · सर्वर पर %4 ms</translation>
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
            <translation>शुरू करें</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>बंद करें</translation>
        </message>
        <message>
            <source>Restart</source>
            <translation>फिर से शुरू करें</translation>
        </message>
        <message>
            <source>Connect</source>
            <translation>जोड़ें</translation>
        </message>
        <message>
            <source>Open the %1 page</source>
            <translation>%1 पेज खोलें</translation>
        </message>
        <message>
            <source>replaces %1 · %2</source>
            <translation>%1 की जगह · %2</translation>
        </message>
        <message>
            <source>Settings to paste into your app</source>
            <translation>अपने ऐप में चिपकाने के लिए सेटिंग्स</translation>
        </message>
        <message>
            <source>Requests, last 2 minutes</source>
            <translation>अनुरोध, पिछले 2 मिनट</translation>
        </message>
        <message>
            <source>Listening on %1</source>
            <translation>%1 पर सुन रहा है</translation>
        </message>
        <message>
            <source>%1 (not listening)</source>
            <translation>%1 (सुन नहीं रहा)</translation>
        </message>
        <message>
            <source>Configured address; the service is not listening</source>
            <translation>कॉन्फ़िगर किया गया पता; सेवा सुन नहीं रही</translation>
        </message>
        <message>
            <source>not listening</source>
            <translation>सुन नहीं रहा</translation>
        </message>
        <message>
            <source>up %1</source>
            <translation>%1 से चालू</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::ServicePage</name>
        <message>
            <source>Your apps, their live connections and the traffic on each channel will appear here.</source>
            <translation>आपके ऐप, उनके लाइव कनेक्शन और हर चैनल का ट्रैफ़िक यहाँ दिखेगा।</translation>
        </message>
        <message>
            <source>Issues, grouped from the error events your apps send, will appear here.</source>
            <translation>आपके ऐप की त्रुटि इवेंट से समूहित इश्यू यहाँ दिखेंगे।</translation>
        </message>
        <message>
            <source>Your collections and their documents will appear here.</source>
            <translation>आपके कलेक्शन और उनके दस्तावेज़ यहाँ दिखेंगे।</translation>
        </message>
        <message>
            <source>Your buckets and an object browser will appear here.</source>
            <translation>आपके बकेट और एक ऑब्जेक्ट ब्राउज़र यहाँ दिखेंगे।</translation>
        </message>
        <message>
            <source>Your GPU pods, their health and token throughput will appear here.</source>
            <translation>आपके GPU पॉड, उनकी सेहत और टोकन थ्रूपुट यहाँ दिखेंगे।</translation>
        </message>
        <message>
            <source>This service's dashboard will appear here.</source>
            <translation>इस सेवा का डैशबोर्ड यहाँ दिखेगा।</translation>
        </message>
        <message>
            <source>No requests yet. Counters appear with the first request.</source>
            <translation>अभी कोई अनुरोध नहीं। पहले अनुरोध के साथ काउंटर दिखेंगे।</translation>
        </message>
        <message>
            <source>Start</source>
            <translation>शुरू करें</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>बंद करें</translation>
        </message>
        <message>
            <source>Restart</source>
            <translation>फिर से शुरू करें</translation>
        </message>
        <message>
            <source>replaces %1 · %2</source>
            <translation>%1 की जगह · %2</translation>
        </message>
        <message>
            <source>Connect</source>
            <translation>जोड़ें</translation>
        </message>
        <message>
            <source>Requests per second, %1</source>
            <translation>प्रति सेकंड अनुरोध, %1</translation>
        </message>
        <message>
            <source>Counters</source>
            <translation>काउंटर</translation>
        </message>
        <message>
            <source>%1 dashboard</source>
            <translation>%1 डैशबोर्ड</translation>
        </message>
        <message>
            <source>Meanwhile, connect an app: Homeport %1 speaks the %2, so your existing %3 client works once you point it here.</source>
            <translation>तब तक कोई ऐप जोड़ें: Homeport %1 %2 बोलता है, इसलिए आपका मौजूदा %3 क्लाइंट इसे यहाँ लगाते ही काम करेगा।</translation>
        </message>
        <message>
            <source>Connect an app…</source>
            <translation>एक ऐप जोड़ें…</translation>
        </message>
        <message>
            <source>listening on %1</source>
            <translation>%1 पर सुन रहा है</translation>
        </message>
        <message>
            <source>configured for %1:%2, not listening</source>
            <translation>%1:%2 के लिए कॉन्फ़िगर, सुन नहीं रहा</translation>
        </message>
        <message>
            <source>not listening</source>
            <translation>सुन नहीं रहा</translation>
        </message>
        <message>
            <source>up %1</source>
            <translation>%1 से चालू</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::SettingsPage</name>
        <message>
            <source>Move data here…</source>
            <translation>डेटा यहाँ ले जाएँ…</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>सहेजें</translation>
        </message>
        <message>
            <source>Restart changed services</source>
            <translation>बदली गई सेवाएँ फिर से शुरू करें</translation>
        </message>
        <message>
            <source>Restart Homeport</source>
            <translation>Homeport फिर से शुरू करें</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>सेटिंग्स</translation>
        </message>
        <message>
            <source>Saved to %1. Command-line flags and HOMEPORT_* environment variables win over this file.</source>
            <translation>%1 में सहेजा गया। कमांड-लाइन फ़्लैग और HOMEPORT_* परिवेश चर इस फ़ाइल पर प्राथमिकता रखते हैं।</translation>
        </message>
        <message>
            <source>homeport.ini</source>
            <translation>homeport.ini</translation>
        </message>
        <message>
            <source>Network</source>
            <translation>नेटवर्क</translation>
        </message>
        <message>
            <source>127.0.0.1 keeps the services private to this computer; 0.0.0.0 lets other machines on your network connect.</source>
            <translation>127.0.0.1 सेवाओं को इसी कंप्यूटर तक सीमित रखता है; 0.0.0.0 आपके नेटवर्क की दूसरी मशीनों को जुड़ने देता है।</translation>
        </message>
        <message>
            <source>Serves /health, /status and /metrics. Moves at the next start.</source>
            <translation>/health, /status और /metrics देता है। अगली शुरुआत पर बदलता है।</translation>
        </message>
        <message>
            <source>Now at http://%1 (/health, /status, /metrics). Moves at the next start.</source>
            <translation>अभी http://%1 पर (/health, /status, /metrics)। अगली शुरुआत पर बदलता है।</translation>
        </message>
        <message>
            <source>Bind address</source>
            <translation>बाइंड पता</translation>
        </message>
        <message>
            <source>Admin API port</source>
            <translation>एडमिन API पोर्ट</translation>
        </message>
        <message>
            <source>Everything (a line per request)</source>
            <translation>सब कुछ (हर अनुरोध पर एक पंक्ति)</translation>
        </message>
        <message>
            <source>Debug</source>
            <translation>डीबग</translation>
        </message>
        <message>
            <source>Info</source>
            <translation>सूचना</translation>
        </message>
        <message>
            <source>Warnings</source>
            <translation>चेतावनियाँ</translation>
        </message>
        <message>
            <source>Errors</source>
            <translation>त्रुटियाँ</translation>
        </message>
        <message>
            <source>Applies at once, to the Logs page and to the log on stdout or stderr.</source>
            <translation>तुरंत लागू होता है, लॉग पेज पर और stdout या stderr के लॉग पर।</translation>
        </message>
        <message>
            <source>Log level</source>
            <translation>लॉग स्तर</translation>
        </message>
        <message>
            <source>Services</source>
            <translation>सेवाएँ</translation>
        </message>
        <message>
            <source>Service</source>
            <translation>सेवा</translation>
        </message>
        <message>
            <source>Start at launch</source>
            <translation>शुरुआत पर चलाएँ</translation>
        </message>
        <message>
            <source>Port</source>
            <translation>पोर्ट</translation>
        </message>
        <message>
            <source>Comes from</source>
            <translation>स्रोत</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>Start %1 when Homeport starts</source>
            <translation>Homeport शुरू होने पर %1 शुरू करें</translation>
        </message>
        <message>
            <source>A new port applies when the service restarts; “start at launch” applies at the next start of Homeport.</source>
            <translation>नया पोर्ट सेवा के फिर से शुरू होने पर लागू होता है; “शुरुआत पर चलाएँ” Homeport की अगली शुरुआत पर लागू होता है।</translation>
        </message>
        <message>
            <source>Data</source>
            <translation>डेटा</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>चुनें…</translation>
        </message>
        <message>
            <source>Choose the data folder</source>
            <translation>डेटा फ़ोल्डर चुनें</translation>
        </message>
        <message>
            <source>Stops the services, moves everything into the folder above (which must be empty or new) and starts them again</source>
            <translation>सेवाएँ रोकता है, सब कुछ ऊपर वाले फ़ोल्डर में ले जाता है (जो खाली या नया होना चाहिए) और उन्हें फिर शुरू करता है</translation>
        </message>
        <message>
            <source>Choose another folder first.</source>
            <translation>पहले कोई दूसरा फ़ोल्डर चुनें।</translation>
        </message>
        <message>
            <source>Move the data?</source>
            <translation>डेटा ले जाएँ?</translation>
        </message>
        <message>
            <source>Homeport stops every service, moves its settings, keys and data to %1 and starts the services again. Clients cannot connect for the moment this takes.</source>
            <translation>Homeport हर सेवा रोकता है, अपनी सेटिंग्स, कुंजियाँ और डेटा %1 में ले जाता है और सेवाएँ फिर शुरू करता है। इस दौरान क्लाइंट नहीं जुड़ सकते।</translation>
        </message>
        <message>
            <source>Settings, keys and every service's data live here. Save keeps the data where it is and uses the new folder (empty) from the next start; Move takes everything there now. A folder that is not empty is refused.</source>
            <translation>सेटिंग्स, कुंजियाँ और हर सेवा का डेटा यहाँ रहता है। सहेजें डेटा को वहीं रखता है और अगली शुरुआत से नया (खाली) फ़ोल्डर उपयोग करता है; ले जाएँ अभी सब कुछ वहाँ ले जाता है। जो फ़ोल्डर खाली नहीं है उसे अस्वीकार किया जाता है।</translation>
        </message>
        <message>
            <source>Data folder</source>
            <translation>डेटा फ़ोल्डर</translation>
        </message>
        <message>
            <source>Revert</source>
            <translation>वापस लें</translation>
        </message>
        <message>
            <source>Appearance</source>
            <translation>रूप</translation>
        </message>
        <message>
            <source>Like the system</source>
            <translation>सिस्टम जैसा</translation>
        </message>
        <message>
            <source>Light</source>
            <translation>हल्का</translation>
        </message>
        <message>
            <source>Dark</source>
            <translation>गहरा</translation>
        </message>
        <message>
            <source>The theme applies at once. A new language applies when Homeport starts again.</source>
            <translation>थीम तुरंत लागू होती है। नई भाषा Homeport के फिर से शुरू होने पर लागू होती है।</translation>
        </message>
        <message>
            <source>Theme</source>
            <translation>थीम</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>भाषा</translation>
        </message>
        <message>
            <source>TLS and retention</source>
            <translation>TLS और अवधारण</translation>
        </message>
        <message>
            <source>TLS certificate (PEM)</source>
            <translation>TLS प्रमाणपत्र (PEM)</translation>
        </message>
        <message>
            <source>TLS key (PEM)</source>
            <translation>TLS कुंजी (PEM)</translation>
        </message>
        <message>
            <source>Retention</source>
            <translation>अवधारण</translation>
        </message>
        <message>
            <source>none: plain HTTP</source>
            <translation>कोई नहीं: सादा HTTP</translation>
        </message>
        <message>
            <source>none</source>
            <translation>कोई नहीं</translation>
        </message>
        <message>
            <source>…</source>
            <translation>…</translation>
        </message>
        <message>
            <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
            <translation>PEM फ़ाइलें (*.pem *.crt *.key);;सभी फ़ाइलें (*)</translation>
        </message>
        <message>
            <source>Choose the certificate for %1</source>
            <translation>%1 के लिए प्रमाणपत्र चुनें</translation>
        </message>
        <message>
            <source>Choose the private key for %1</source>
            <translation>%1 के लिए निजी कुंजी चुनें</translation>
        </message>
        <message>
            <source> days</source>
            <translation> दिन</translation>
        </message>
        <message>
            <source>each project's own</source>
            <translation>हर प्रोजेक्ट की अपनी</translation>
        </message>
        <message>
            <source>Events older than this are removed from every project, whatever the project keeps (0: each project's own setting)</source>
            <translation>इससे पुराने इवेंट हर प्रोजेक्ट से हटाए जाते हैं, प्रोजेक्ट चाहे जितना रखे (0: हर प्रोजेक्ट की अपनी सेटिंग)</translation>
        </message>
        <message>
            <source> h</source>
            <translation> घंटे</translation>
        </message>
        <message>
            <source>Multipart uploads left unfinished longer than this are removed</source>
            <translation>इससे अधिक समय तक अधूरे मल्टीपार्ट अपलोड हटाए जाते हैं</translation>
        </message>
        <message>
            <source>keeps what clients store</source>
            <translation>क्लाइंट जो सहेजते हैं वही रखता है</translation>
        </message>
        <message>
            <source>With a certificate and key a service serves HTTPS (and WSS) only, on the same port; Connect snippets and the .env then say https. Both apply when the service restarts.</source>
            <translation>प्रमाणपत्र और कुंजी के साथ सेवा उसी पोर्ट पर केवल HTTPS (और WSS) देती है; जोड़ें स्निपेट और .env तब https कहते हैं। दोनों सेवा के फिर से शुरू होने पर लागू होते हैं।</translation>
        </message>
        <message>
            <source>This console cannot move the data.</source>
            <translation>यह कंसोल डेटा नहीं ले जा सकता।</translation>
        </message>
        <message>
            <source>Not moved: %1</source>
            <translation>नहीं ले जाया गया: %1</translation>
        </message>
        <message>
            <source>Moved to %1; the services run from there.</source>
            <translation>%1 में ले जाया गया; सेवाएँ वहीं से चल रही हैं।</translation>
        </message>
        <message>
            <source>Moved to %1, with a warning: %2</source>
            <translation>%1 में ले जाया गया, एक चेतावनी के साथ: %2</translation>
        </message>
        <message>
            <source>Set by a command-line flag, which wins over this file; change it there.</source>
            <translation>एक कमांड-लाइन फ़्लैग से सेट है, जो इस फ़ाइल पर प्राथमिकता रखता है; उसे वहीं बदलें।</translation>
        </message>
        <message>
            <source>Set by %1 in the environment, which wins over this file; change it there.</source>
            <translation>परिवेश में %1 से सेट है, जो इस फ़ाइल पर प्राथमिकता रखता है; उसे वहीं बदलें।</translation>
        </message>
        <message>
            <source>saved in homeport.ini</source>
            <translation>homeport.ini में सहेजा</translation>
        </message>
        <message>
            <source>default</source>
            <translation>डिफ़ॉल्ट</translation>
        </message>
        <message>
            <source>Port: %1</source>
            <translation>पोर्ट: %1</translation>
        </message>
        <message>
            <source>Start at launch: %1</source>
            <translation>शुरुआत पर चलाएँ: %1</translation>
        </message>
        <message>
            <source>“%1” is not an IP address. Use 127.0.0.1 (this computer only), 0.0.0.0 (all IPv4 interfaces) or one of this computer's addresses.</source>
            <translation>“%1” कोई IP पता नहीं है। 127.0.0.1 (केवल यह कंप्यूटर), 0.0.0.0 (सभी IPv4 इंटरफ़ेस) या इस कंप्यूटर का कोई पता उपयोग करें।</translation>
        </message>
        <message>
            <source>the admin API</source>
            <translation>एडमिन API</translation>
        </message>
        <message>
            <source>%1 and %2 both use port %3; each needs a port of its own.</source>
            <translation>%1 और %2 दोनों पोर्ट %3 उपयोग करते हैं; हर एक को अपना पोर्ट चाहिए।</translation>
        </message>
        <message>
            <source>%1 needs both a TLS certificate and its key, or neither.</source>
            <translation>%1 को TLS प्रमाणपत्र और उसकी कुंजी दोनों चाहिए, या कोई भी नहीं।</translation>
        </message>
        <message>
            <source>%1: cannot read %2.</source>
            <translation>%1: %2 पढ़ा नहीं जा सकता।</translation>
        </message>
        <message>
            <source>Homeport will keep its data in %1 from its next start.</source>
            <translation>Homeport अगली शुरुआत से अपना डेटा %1 में रखेगा।</translation>
        </message>
        <message>
            <source>The admin API moves to port %1 at the next start.</source>
            <translation>एडमिन API अगली शुरुआत पर पोर्ट %1 पर चली जाएगी।</translation>
        </message>
        <message>
            <source>Could not save: %1</source>
            <translation>सहेजा नहीं जा सका: %1</translation>
        </message>
        <message>
            <source>Restart %1 to use the new settings.</source>
            <translation>नई सेटिंग्स उपयोग करने के लिए %1 को फिर से शुरू करें।</translation>
        </message>
        <message>
            <source>The log level applies now.</source>
            <translation>लॉग स्तर अभी से लागू है।</translation>
        </message>
        <message>
            <source>The language changes when Homeport starts again.</source>
            <translation>भाषा Homeport के फिर से शुरू होने पर बदलेगी।</translation>
        </message>
        <message>
            <source>Saved.</source>
            <translation>सहेजा गया।</translation>
        </message>
        <message>
            <source>Restarting %1…</source>
            <translation>%1 फिर से शुरू हो रहा है…</translation>
        </message>
        <message>
            <source>Moving the data to %1…</source>
            <translation>डेटा %1 में ले जाया जा रहा है…</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>रद्द करें</translation>
        </message>
        <message>
            <source>Canceling; the data stays where it is…</source>
            <translation>रद्द किया जा रहा है; डेटा जहाँ है वहीं रहेगा…</translation>
        </message>
        <message>
            <source>Moving the data</source>
            <translation>डेटा ले जाया जा रहा है</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::SnippetCard</name>
        <message>
            <source>Copy</source>
            <translation>कॉपी करें</translation>
        </message>
        <message>
            <source>Connect</source>
            <translation>जोड़ें</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::Sparkline</name>
        <message>
            <source>seconds ago</source>
            <translation>सेकंड पहले</translation>
        </message>
        <message>
            <source>requests / s</source>
            <translation>अनुरोध / s</translation>
        </message>
        <message>
            <source>minutes ago</source>
            <translation>मिनट पहले</translation>
        </message>
        <message>
            <source>hours ago</source>
            <translation>घंटे पहले</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::StateLight</name>
        <message>
            <source>Failed to start.</source>
            <translation>शुरू नहीं हो सका।</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::StorageAccessTab</name>
        <message>
            <source>Access keys</source>
            <translation>एक्सेस कुंजियाँ</translation>
        </message>
        <message>
            <source>Keys for apps that should reach only some buckets, or only read them. The root key in secrets.json can do everything and is not listed.</source>
            <translation>उन ऐप के लिए कुंजियाँ जिन्हें केवल कुछ बकेट तक पहुँचना है, या केवल पढ़ना है। secrets.json की रूट कुंजी सब कुछ कर सकती है और सूची में नहीं है।</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>नाम</translation>
        </message>
        <message>
            <source>Access key</source>
            <translation>एक्सेस कुंजी</translation>
        </message>
        <message>
            <source>Buckets</source>
            <translation>बकेट</translation>
        </message>
        <message>
            <source>Access</source>
            <translation>पहुँच</translation>
        </message>
        <message>
            <source>Created</source>
            <translation>बनाया गया</translation>
        </message>
        <message>
            <source>Name (e.g. website uploads)</source>
            <translation>नाम (जैसे वेबसाइट अपलोड)</translation>
        </message>
        <message>
            <source>Buckets, comma-separated (* for all)</source>
            <translation>बकेट, अल्पविराम से अलग (सभी के लिए *)</translation>
        </message>
        <message>
            <source>Read-only</source>
            <translation>केवल पढ़ना</translation>
        </message>
        <message>
            <source>Read-write</source>
            <translation>पढ़ना-लिखना</translation>
        </message>
        <message>
            <source>Create key</source>
            <translation>कुंजी बनाएँ</translation>
        </message>
        <message>
            <source>Revoke</source>
            <translation>रद्द करें</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>कॉपी करें</translation>
        </message>
        <message>
            <source>Bucket settings</source>
            <translation>बकेट सेटिंग्स</translation>
        </message>
        <message>
            <source>Bucket:</source>
            <translation>बकेट:</translation>
        </message>
        <message>
            <source>Public read: anyone can download objects by URL, without a key</source>
            <translation>सार्वजनिक पढ़ना: कोई भी बिना कुंजी URL से ऑब्जेक्ट डाउनलोड कर सकता है</translation>
        </message>
        <message>
            <source>…and list the bucket's objects</source>
            <translation>…और बकेट के ऑब्जेक्ट सूचीबद्ध करें</translation>
        </message>
        <message>
            <source>Apply</source>
            <translation>लागू करें</translation>
        </message>
        <message>
            <source>CORS rules let web pages on other origins use the bucket (browser uploads need PUT or POST and ETag exposed).</source>
            <translation>CORS नियम दूसरे origin के वेब पेज को बकेट उपयोग करने देते हैं (ब्राउज़र अपलोड के लिए PUT या POST और खुला ETag चाहिए)।</translation>
        </message>
        <message>
            <source>Save CORS rules</source>
            <translation>CORS नियम सहेजें</translation>
        </message>
        <message>
            <source>Remove CORS rules</source>
            <translation>CORS नियम हटाएँ</translation>
        </message>
        <message>
            <source>Name at least one bucket, or * for every bucket.</source>
            <translation>कम से कम एक बकेट बताएँ, या हर बकेट के लिए *।</translation>
        </message>
        <message>
            <source>Revoke access key</source>
            <translation>एक्सेस कुंजी रद्द करें</translation>
        </message>
        <message>
            <source>Revoke %1 (%2)? Apps using it are refused from now on.</source>
            <translation>%1 (%2) रद्द करें? इसे उपयोग करने वाले ऐप अब से अस्वीकार होंगे।</translation>
        </message>
        <message>
            <source>Key %1 made. Copy its secret now: it is shown only this once.</source>
            <translation>कुंजी %1 बनी। इसका सीक्रेट अभी कॉपी करें: यह केवल इसी बार दिखाया जाता है।</translation>
        </message>
        <message>
            <source>Key revoked.</source>
            <translation>कुंजी रद्द हुई।</translation>
        </message>
        <message>
            <source>Saved.</source>
            <translation>सहेजा गया।</translation>
        </message>
        <message>
            <source>every bucket</source>
            <translation>हर बकेट</translation>
        </message>
        <message>
            <source>No access keys yet: apps use the root key. To give an app less, name a key, list its buckets, choose its access and press Create key.</source>
            <translation>अभी कोई एक्सेस कुंजी नहीं: ऐप रूट कुंजी इस्तेमाल करते हैं। किसी ऐप को कम अधिकार देने के लिए कुंजी का नाम दें, उसके बकेट लिखें, उसकी पहुँच चुनें और कुंजी बनाएँ दबाएँ।</translation>
        </message>
        <message>
            <source>Access key ID, secret:</source>
            <translation>एक्सेस कुंजी ID, सीक्रेट:</translation>
        </message>
        <message>
            <source>Copied</source>
            <translation>कॉपी हुआ</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::StoragePage</name>
        <message>
            <source>New bucket</source>
            <translation>नया बकेट</translation>
        </message>
        <message>
            <source>Bucket name (3-63 lower-case letters, digits, '-' or '.'):</source>
            <translation>बकेट नाम (3-63 छोटे अक्षर, अंक, '-' या '.'):</translation>
        </message>
        <message>
            <source>Buckets</source>
            <translation>बकेट</translation>
        </message>
        <message>
            <source>Browser</source>
            <translation>ब्राउज़र</translation>
        </message>
        <message>
            <source>Access</source>
            <translation>पहुँच</translation>
        </message>
        <message>
            <source>Connect</source>
            <translation>जोड़ें</translation>
        </message>
        <message>
            <source>Uploaded %1.</source>
            <translation>%1 अपलोड हुआ।</translation>
        </message>
        <message>
            <source>Upload of %1 failed: %2</source>
            <translation>%1 का अपलोड विफल: %2</translation>
        </message>
        <message>
            <source>Uploaded %1 of %2 files.</source>
            <translation>%2 में से %1 फ़ाइलें अपलोड हुईं।</translation>
        </message>
        <message>
            <source>Saved %1 (%2).</source>
            <translation>%1 सहेजा गया (%2)।</translation>
        </message>
        <message>
            <source>Download failed: %1</source>
            <translation>डाउनलोड विफल: %1</translation>
        </message>
        <message>
            <source>Deleted %1.</source>
            <translation>%1 हटाया गया।</translation>
        </message>
        <message>
            <source>Delete failed: %1</source>
            <translation>हटाना विफल: %1</translation>
        </message>
        <message>
            <source>%1 failed: %2</source>
            <translation>%1 विफल: %2</translation>
        </message>
        <message>
            <source>Objects</source>
            <translation>ऑब्जेक्ट</translation>
        </message>
        <message>
            <source>Storage used</source>
            <translation>उपयोग किया गया भंडारण</translation>
        </message>
        <message>
            <source>The bytes of every object's current version; parts of unfinished multipart uploads are not counted.</source>
            <translation>हर ऑब्जेक्ट के वर्तमान संस्करण के बाइट; अधूरे मल्टीपार्ट अपलोड के हिस्से नहीं गिने जाते।</translation>
        </message>
        <message>
            <source>New bucket…</source>
            <translation>नया बकेट…</translation>
        </message>
        <message>
            <source>Browse</source>
            <translation>ब्राउज़ करें</translation>
        </message>
        <message>
            <source>Bucket</source>
            <translation>बकेट</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>आकार</translation>
        </message>
        <message>
            <source>Created</source>
            <translation>बनाया गया</translation>
        </message>
        <message>
            <source>No buckets yet</source>
            <translation>अभी कोई बकेट नहीं</translation>
        </message>
        <message>
            <source>Buckets hold your objects. Create one here, or with any S3 client (aws s3 mb s3://photos --endpoint-url ...).</source>
            <translation>बकेट आपके ऑब्जेक्ट रखते हैं। यहाँ बनाएँ, या किसी भी S3 क्लाइंट से (aws s3 mb s3://photos --endpoint-url ...)।</translation>
        </message>
        <message>
            <source>Created bucket %1.</source>
            <translation>बकेट %1 बनाया गया।</translation>
        </message>
        <message>
            <source>Creating %1…</source>
            <translation>%1 बनाया जा रहा है…</translation>
        </message>
        <message>
            <source>Delete bucket</source>
            <translation>बकेट हटाएँ</translation>
        </message>
        <message>
            <source>Delete the bucket %1? S3 deletes only empty buckets.</source>
            <translation>बकेट %1 हटाएँ? S3 केवल खाली बकेट हटाता है।</translation>
        </message>
        <message>
            <source>Deleted bucket %1.</source>
            <translation>बकेट %1 हटाया गया।</translation>
        </message>
        <message>
            <source>bytes</source>
            <translation>बाइट</translation>
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
            <translation>%1 संग्रहीत</translation>
        </message>
        <message>
            <source>now %1</source>
            <translation>अभी %1</translation>
        </message>
        <message>
            <source>Up</source>
            <translation>ऊपर</translation>
        </message>
        <message>
            <source>To the enclosing folder</source>
            <translation>ऊपर वाले फ़ोल्डर में</translation>
        </message>
        <message>
            <source>Upload…</source>
            <translation>अपलोड करें…</translation>
        </message>
        <message>
            <source>Download…</source>
            <translation>डाउनलोड करें…</translation>
        </message>
        <message>
            <source>Delete…</source>
            <translation>हटाएँ…</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>ताज़ा करें</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>नाम</translation>
        </message>
        <message>
            <source>Last modified</source>
            <translation>अंतिम बदलाव</translation>
        </message>
        <message>
            <source>Object</source>
            <translation>ऑब्जेक्ट</translation>
        </message>
        <message>
            <source>Select an object to see its metadata.</source>
            <translation>मेटाडेटा देखने के लिए एक ऑब्जेक्ट चुनें।</translation>
        </message>
        <message>
            <source>Expires in</source>
            <translation>समाप्ति में</translation>
        </message>
        <message>
            <source> min</source>
            <translation> मिनट</translation>
        </message>
        <message>
            <source>Generate</source>
            <translation>बनाएँ</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>कॉपी करें</translation>
        </message>
        <message>
            <source>Copied</source>
            <translation>कॉपी हुआ</translation>
        </message>
        <message>
            <source>Anyone with the URL can download the object until it expires; the URL is signed with the service's access key.</source>
            <translation>URL वाला कोई भी व्यक्ति समाप्ति तक ऑब्जेक्ट डाउनलोड कर सकता है; URL सेवा की एक्सेस कुंजी से हस्ताक्षरित है।</translation>
        </message>
        <message>
            <source>Load more</source>
            <translation>और लोड करें</translation>
        </message>
        <message>
            <source>No bucket to browse. Create a bucket on the Buckets tab.</source>
            <translation>ब्राउज़ करने के लिए कोई बकेट नहीं। बकेट टैब पर एक बनाएँ।</translation>
        </message>
        <message>
            <source>The listing failed: %1</source>
            <translation>सूची विफल: %1</translation>
        </message>
        <message>
            <source>The bucket %1 is empty. Upload a file, or drop files here, to add objects.</source>
            <translation>बकेट %1 खाली है। ऑब्जेक्ट जोड़ने के लिए कोई फ़ाइल अपलोड करें, या फ़ाइलें यहाँ छोड़ें।</translation>
        </message>
        <message>
            <source>Nothing under %1. Drop files here to upload them into it.</source>
            <translation>%1 के अंदर कुछ नहीं। इसमें अपलोड करने के लिए फ़ाइलें यहाँ छोड़ें।</translation>
        </message>
        <message>
            <source>Load more (%1 shown)</source>
            <translation>और लोड करें (%1 दिखाए गए)</translation>
        </message>
        <message>
            <source>%1

No metadata: %2</source>
            <translation>%1

कोई मेटाडेटा नहीं: %2</translation>
        </message>
        <message>
            <source>the object is gone.</source>
            <translation>ऑब्जेक्ट अब नहीं है।</translation>
        </message>
        <message>
            <source>Key: %1</source>
            <translation>कुंजी: %1</translation>
        </message>
        <message>
            <source>Size: %1 (%2 bytes)</source>
            <translation>आकार: %1 (%2 बाइट)</translation>
        </message>
        <message>
            <source>Upload to s3://%1/%2</source>
            <translation>s3://%1/%2 में अपलोड करें</translation>
        </message>
        <message>
            <source>Cannot read %1: %2</source>
            <translation>%1 पढ़ा नहीं जा सकता: %2</translation>
        </message>
        <message>
            <source>Uploading %1…</source>
            <translation>%1 अपलोड हो रहा है…</translation>
        </message>
        <message numerus="yes">
            <source>Uploading %1 (%n more waiting)…</source>
            <translation>
                <numerusform>%1 अपलोड हो रहा है (%n और प्रतीक्षा में)…</numerusform>
                <numerusform>%1 अपलोड हो रहा है (%n और प्रतीक्षा में)…</numerusform>
            </translation>
        </message>
        <message>
            <source>Save %1</source>
            <translation>%1 सहेजें</translation>
        </message>
        <message>
            <source>Downloading %1…</source>
            <translation>%1 डाउनलोड हो रहा है…</translation>
        </message>
        <message>
            <source>Delete object</source>
            <translation>ऑब्जेक्ट हटाएँ</translation>
        </message>
        <message>
            <source>Delete s3://%1/%2? This cannot be undone.</source>
            <translation>s3://%1/%2 हटाएँ? यह वापस नहीं किया जा सकता।</translation>
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
            <translation>कॉपी हुआ। इसमें सेवा की गुप्त कुंजी है: इसे ब्राउज़र और कमिट से दूर रखें।</translation>
        </message>
        <message>
            <source>The storage service is not connected to this console.</source>
            <translation>storage सेवा इस कंसोल से जुड़ी नहीं है।</translation>
        </message>
        <message>
            <source>Storage failed to start: %1. The tables show its last known state.</source>
            <translation>Storage शुरू नहीं हो सका: %1। तालिकाएँ उसकी अंतिम ज्ञात स्थिति दिखाती हैं।</translation>
        </message>
        <message>
            <source>Storage is %1. Buckets load and requests are answered once it runs.</source>
            <translation>Storage %1 है। उसके चलने पर बकेट लोड होंगे और अनुरोधों का उत्तर मिलेगा।</translation>
        </message>
        <message>
            <source>Storage used, %1</source>
            <translation>उपयोग किया गया भंडारण, %1</translation>
        </message>
        <message>
            <source>Presigned URL</source>
            <translation>पूर्व-हस्ताक्षरित URL</translation>
        </message>
        <message>
            <source>GET (download)</source>
            <translation>GET (डाउनलोड)</translation>
        </message>
        <message>
            <source>PUT (upload)</source>
            <translation>PUT (अपलोड)</translation>
        </message>
        <message>
            <source>key, e.g. reports/2024.pdf</source>
            <translation>कुंजी, जैसे reports/2024.pdf</translation>
        </message>
        <message>
            <source>The selected object's key; for PUT, type a new key to let someone upload it</source>
            <translation>चुने गए ऑब्जेक्ट की कुंजी; PUT के लिए नई कुंजी लिखें ताकि कोई उस पर अपलोड कर सके</translation>
        </message>
        <message>
            <source>Generate puts the URL here.</source>
            <translation>बनाएँ दबाने पर URL यहाँ आता है।</translation>
        </message>
        <message>
            <source>Anyone with the URL can upload one object to this key until it expires (curl -T file 'URL'); the URL is signed with the service's access key.</source>
            <translation>URL वाला कोई भी उसकी समाप्ति तक इस कुंजी पर एक ऑब्जेक्ट अपलोड कर सकता है (curl -T file 'URL'); URL सेवा की एक्सेस कुंजी से हस्ताक्षरित है।</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>रद्द करें</translation>
        </message>
        <message>
            <source>Stop this transfer; files still waiting are not uploaded</source>
            <translation>यह ट्रांसफ़र रोकें; प्रतीक्षा में बची फ़ाइलें अपलोड नहीं होंगी</translation>
        </message>
        <message>
            <source>Upload of %1 cancelled.</source>
            <translation>%1 का अपलोड रद्द हुआ।</translation>
        </message>
        <message numerus="yes">
            <source>Upload of %1 cancelled, and %n file(s) waiting behind it not uploaded.</source>
            <translation>
                <numerusform>%1 का अपलोड रद्द किया गया, और उसके बाद प्रतीक्षा में %n फ़ाइल अपलोड नहीं हुई।</numerusform>
                <numerusform>%1 का अपलोड रद्द किया गया, और उसके बाद प्रतीक्षा में %n फ़ाइलें अपलोड नहीं हुईं।</numerusform>
            </translation>
        </message>
        <message>
            <source>Download of %1 cancelled.</source>
            <translation>%1 में डाउनलोड रद्द हुआ।</translation>
        </message>
        <message>
            <source>%1 of %2 (%p%)</source>
            <translation>%2 में से %1 (%p%)</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::TableFilter</name>
        <message>
            <source>Filter this table…</source>
            <translation>यह तालिका फ़िल्टर करें…</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::Theme</name>
        <message>
            <source>running</source>
            <translation>चल रहा है</translation>
        </message>
        <message>
            <source>starting</source>
            <translation>शुरू हो रहा है</translation>
        </message>
        <message>
            <source>stopping</source>
            <translation>रुक रहा है</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>विफल</translation>
        </message>
        <message>
            <source>stopped</source>
            <translation>रुका हुआ</translation>
        </message>
        <message>
            <source>%1 s</source>
            <translation>%1 s</translation>
        </message>
        <message>
            <source>%1 min %2 s</source>
            <translation>%1 मिनट %2 s</translation>
        </message>
        <message>
            <source>%1 h %2 min</source>
            <translation>%1 घंटे %2 मिनट</translation>
        </message>
        <message>
            <source>%1 d %2 h</source>
            <translation>%1 दिन %2 घंटे</translation>
        </message>
        <message>
            <source>%1 req/s</source>
            <translation>%1 अनुरोध/s</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::TrayIcon</name>
        <message>
            <source>Show Homeport</source>
            <translation>Homeport दिखाएँ</translation>
        </message>
        <message>
            <source>Start all services</source>
            <translation>सभी सेवाएँ शुरू करें</translation>
        </message>
        <message>
            <source>Stop all services</source>
            <translation>सभी सेवाएँ बंद करें</translation>
        </message>
        <message>
            <source>Copy .env for Laravel</source>
            <translation>Laravel के लिए .env कॉपी करें</translation>
        </message>
        <message>
            <source>Quit Homeport</source>
            <translation>Homeport बंद करें</translation>
        </message>
        <message>
            <source>Homeport — %1</source>
            <translation>Homeport — %1</translation>
        </message>
    </context>
    <context>
        <name>homeport::ui::WelcomeDialog</name>
        <message>
            <source>Don't show this again</source>
            <translation>यह फिर न दिखाएँ</translation>
        </message>
        <message>
            <source>Welcome to Homeport</source>
            <translation>Homeport में आपका स्वागत है</translation>
        </message>
        <message>
            <source>Your stack is starting</source>
            <translation>आपका स्टैक शुरू हो रहा है</translation>
        </message>
        <message>
            <source>Five services run on this computer, each speaking the protocol of a managed product. Point an app at them by changing its endpoint and key, never its code.</source>
            <translation>इस कंप्यूटर पर पाँच सेवाएँ चलती हैं, हर एक किसी प्रबंधित उत्पाद का प्रोटोकॉल बोलती है। किसी ऐप को इन पर लगाने के लिए उसका एंडपॉइंट और कुंजी बदलें, कोड कभी नहीं।</translation>
        </message>
        <message>
            <source>%1 (for %2)</source>
            <translation>%1 (%2 के लिए)</translation>
        </message>
        <message>
            <source>Connect your app</source>
            <translation>अपना ऐप जोड़ें</translation>
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
            <translation>शेल</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>कॉपी करें</translation>
        </message>
        <message>
            <source>Copied to the clipboard.</source>
            <translation>क्लिपबोर्ड पर कॉपी हुआ।</translation>
        </message>
        <message>
            <source>The same text as `homeport --print-env`; every service's Connect button shows its own part.</source>
            <translation>`homeport --print-env` वाला ही टेक्स्ट; हर सेवा का जोड़ें बटन अपना हिस्सा दिखाता है।</translation>
        </message>
        <message>
            <source>Start all</source>
            <translation>सभी शुरू करें</translation>
        </message>
        <message>
            <source>Open the console</source>
            <translation>कंसोल खोलें</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1: %2</translation>
        </message>
    </context>
</TS>
