<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy_GB">
<context>
    <name>AddendumDialog</name>
    <message>
        <location filename="../../outreach/ui/person/timeline.py" line="79"/>
        <source>Add an addendum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/timeline.py" line="80"/>
        <source>Addendum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/timeline.py" line="81"/>
        <source>A correction or something to add. The conversation itself stays as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/timeline.py" line="86"/>
        <source>&amp;Add addendum</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../outreach/ui/admin.py" line="82"/>
        <source>Enrolled laptops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="90"/>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="92"/>
        <source>Re&amp;voke laptop…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="96"/>
        <source>Yes, re&amp;voke it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="97"/>
        <source>&amp;Keep it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="102"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="104"/>
        <source>The team&apos;s laptops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="121"/>
        <source>User name for the new laptop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="122"/>
        <source>e.g. priya.nair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="124"/>
        <source>&amp;Issue enrolment code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="127"/>
        <source>Enrolment code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="136"/>
        <source>Enrolment QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="139"/>
        <source>Enrol a laptop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="141"/>
        <source>&amp;User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="143"/>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="150"/>
        <source>&lt;h2&gt;Admin&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="160"/>
        <source>Asking the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="169"/>
        <source>Revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="169"/>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="172"/>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="196"/>
        <source>Choose an active laptop first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="199"/>
        <source>This is the laptop you are using; revoke it from another one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="204"/>
        <source>Revoke %1&apos;s laptop? At its next contact it erases its Outreach data; anything it has not synced is lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="221"/>
        <source>Revoking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="235"/>
        <source>Enter the user name the laptop is for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="249"/>
        <source>Use it once, before %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="260"/>
        <source>The server did not answer. Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CarePlanSection</name>
    <message>
        <location filename="../../outreach/ui/person/careplan.py" line="55"/>
        <source>Care plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/careplan.py" line="82"/>
        <source>S&amp;ave care plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/careplan.py" line="83"/>
        <source>Save care plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/careplan.py" line="86"/>
        <source>&amp;Undo changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/careplan.py" line="87"/>
        <source>Undo unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/careplan.py" line="124"/>
        <location filename="../../outreach/ui/person/careplan.py" line="125"/>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/careplan.py" line="151"/>
        <source>Care plan saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictsInbox</name>
    <message>
        <location filename="../../outreach/ui/conflicts.py" line="48"/>
        <source>someone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conflicts.py" line="49"/>
        <source>Written by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conflicts.py" line="76"/>
        <source>Conflicts to resolve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conflicts.py" line="81"/>
        <source>First version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conflicts.py" line="82"/>
        <source>Second version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conflicts.py" line="84"/>
        <source>Merged text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conflicts.py" line="85"/>
        <source>Or write a merged version here…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conflicts.py" line="86"/>
        <source>Keep the &amp;first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conflicts.py" line="87"/>
        <source>Keep the &amp;second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conflicts.py" line="88"/>
        <source>Save &amp;merged text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conflicts.py" line="94"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conflicts.py" line="106"/>
        <source>Merged version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conflicts.py" line="119"/>
        <source>Nothing to resolve: no two edits have clashed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conflicts.py" line="168"/>
        <source>Nothing to resolve: no two edits clashed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conflicts.py" line="175"/>
        <source>Two people changed this text while apart. Keep one, or write a merged version. Nothing has been lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conflicts.py" line="210"/>
        <source>That did not work. Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationDialog</name>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="85"/>
        <location filename="../../outreach/ui/conversation.py" line="86"/>
        <source>Record a conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="106"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="107"/>
        <source>&amp;When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="109"/>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="110"/>
        <source>Whe&amp;re</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="112"/>
        <source>Kind of conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="115"/>
        <source>&amp;Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="118"/>
        <source>Who was there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="119"/>
        <source>For example: the person and their sister</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="120"/>
        <source>Who was &amp;there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="122"/>
        <source>Notes, in the person&apos;s words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="123"/>
        <source>What was talked about, in their words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="125"/>
        <source>&amp;Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="127"/>
        <source>Follow-ups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="128"/>
        <source>What you or they will do next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="130"/>
        <source>&amp;Follow-ups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="135"/>
        <source>Follow up &amp;by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="136"/>
        <source>Set a follow-up date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="140"/>
        <source>Follow-up date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="147"/>
        <source>We talked about how safe they feel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="148"/>
        <source>Talked about how safe they feel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="149"/>
        <source>Risk check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="151"/>
        <source>There is a &amp;concern to share with the team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="153"/>
        <source>A concern to share with the team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="159"/>
        <source>Level of concern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="162"/>
        <source>&amp;Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="163"/>
        <source>The concern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="164"/>
        <source>What the team should know</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="166"/>
        <source>Conc&amp;ern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="173"/>
        <source>Draft status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="176"/>
        <source>&amp;Save conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="178"/>
        <source>Save conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="180"/>
        <source>Keep as &amp;draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="182"/>
        <source>Keep as draft and close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="183"/>
        <source>D&amp;iscard draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="184"/>
        <location filename="../../outreach/ui/conversation.py" line="313"/>
        <source>Discard draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="284"/>
        <source>Your unsaved notes from last time are back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="302"/>
        <source>The draft could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="306"/>
        <source>Draft saved at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="314"/>
        <source>Throw away what you have typed? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="337"/>
        <source>Please write some notes before saving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="343"/>
        <source>Please say what the concern is, so the team can talk about it at the huddle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="359"/>
        <source>Not saved. %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DirectoryPage</name>
    <message>
        <location filename="../../outreach/ui/directory.py" line="196"/>
        <source>Directory of community services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="199"/>
        <source>Search services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="200"/>
        <source>Search by name, kind, area…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="208"/>
        <source>Services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="221"/>
        <source>About the service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="224"/>
        <source>&amp;Import from CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="225"/>
        <source>Import services from a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="227"/>
        <location filename="../../outreach/ui/directory.py" line="262"/>
        <source>&amp;Link to this person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="228"/>
        <source>Link the person to this service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="261"/>
        <source>&amp;Link %1 to this service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="305"/>
        <source>Linked to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="312"/>
        <source>Import services from CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="313"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="322"/>
        <source>Importing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="337"/>
        <source>Nothing was imported: %1 problem(s) in the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="345"/>
        <source>%1 service(s) added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="350"/>
        <source>The file could not be imported: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EpisodesSection</name>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="47"/>
        <source>Referrals and support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="50"/>
        <location filename="../../outreach/ui/person/episodes.py" line="51"/>
        <source>Referrals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="52"/>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="52"/>
        <source>Referred by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="52"/>
        <source>Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="53"/>
        <source>Decided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="53"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="55"/>
        <source>&amp;Accept referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="56"/>
        <source>Accept referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="59"/>
        <source>Why the referral is declined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="60"/>
        <source>Why it is declined, and where they were signposted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="62"/>
        <source>&amp;Decline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="63"/>
        <source>Decline referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="73"/>
        <location filename="../../outreach/ui/person/episodes.py" line="74"/>
        <source>Periods of support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="75"/>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="75"/>
        <source>Key worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="75"/>
        <source>Review by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="76"/>
        <source>Ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="76"/>
        <source>Why it ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="77"/>
        <source>S&amp;tart support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="78"/>
        <source>Start support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="80"/>
        <source>Reopen s&amp;upport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="81"/>
        <source>Reopen support without a new referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="82"/>
        <source>For someone coming back: no new referral or assessment needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="85"/>
        <source>End this period of support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="86"/>
        <source>Why support ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="87"/>
        <source>Choose a reason…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="90"/>
        <source>Notes on ending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="91"/>
        <source>&amp;End support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="92"/>
        <source>End support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="95"/>
        <source>Reaso&amp;n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="96"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="173"/>
        <source>Say why the referral is declined.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="195"/>
        <source>Choose why support is ending.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="201"/>
        <source>Support ended. It can be reopened at any time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="206"/>
        <source>Support reopened.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GoalsSection</name>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="51"/>
        <source>Goals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="53"/>
        <source>Goals and progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="54"/>
        <source>Goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="54"/>
        <source>Life area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="54"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="55"/>
        <source>Progress (0–10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="55"/>
        <source>Last rated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="65"/>
        <source>Rate the selected goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="68"/>
        <source>How close to the goal, 0 to 10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="69"/>
        <source>0 = not at all, 10 = reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="71"/>
        <source>Note about this rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="72"/>
        <source>A few words, if they like</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="73"/>
        <source>Save rat&amp;ing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="74"/>
        <source>Save rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="76"/>
        <source>Goal status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="78"/>
        <source>Set s&amp;tatus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="79"/>
        <source>Set goal status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="81"/>
        <source>How &amp;close now? (0 = not at all, 10 = reached)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="99"/>
        <source>Add a goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="101"/>
        <source>New goal, in their words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="102"/>
        <source>The goal, in their words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="104"/>
        <source>Life area of the new goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="107"/>
        <source>A&amp;dd goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="108"/>
        <source>Add goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="133"/>
        <source>not rated yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="172"/>
        <source>Rating saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="184"/>
        <source>Write the goal first, in their words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="192"/>
        <source>Goal added.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportErrorsDialog</name>
    <message>
        <location filename="../../outreach/ui/directory.py" line="151"/>
        <source>Nothing was imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="152"/>
        <source>Nothing was imported, because %1 problem(s) were found. Fix these rows in the file and import it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="157"/>
        <source>Problems found in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="158"/>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="158"/>
        <source>Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="159"/>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LinkServiceDialog</name>
    <message>
        <location filename="../../outreach/ui/person/links.py" line="33"/>
        <source>Link %1 to a service</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../outreach/ui/main_window.py" line="42"/>
        <source>Outreach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/main_window.py" line="63"/>
        <source>&amp;Lock now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/main_window.py" line="90"/>
        <source>Enrolment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/main_window.py" line="147"/>
        <source>This laptop was revoked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Measures</name>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="74"/>
        <source>Tick one answer for each statement.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MeasuresSection</name>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="229"/>
        <source>Wellbeing measures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="232"/>
        <location filename="../../outreach/ui/person/measures.py" line="242"/>
        <source>Questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="236"/>
        <source>&amp;Answer the questionnaire…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="237"/>
        <source>Answer the questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="241"/>
        <source>Scores so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="242"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="243"/>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="243"/>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="300"/>
        <source>Saved. Score %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageLine</name>
    <message>
        <location filename="../../outreach/ui/person/widgets.py" line="115"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <location filename="../../outreach/ui/pdf.py" line="172"/>
        <source>Care plan preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/pdf.py" line="179"/>
        <source>Preview of the care plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/pdf.py" line="185"/>
        <source>&amp;Save as…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PeoplePage</name>
    <message>
        <location filename="../../outreach/ui/people.py" line="176"/>
        <source>Find a person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/people.py" line="178"/>
        <source>Type a name to filter; Ctrl+Enter searches notes and care plans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/people.py" line="183"/>
        <source>Show people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/people.py" line="188"/>
        <source>Search &amp;notes and care plans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/people.py" line="191"/>
        <source>Number of people shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/people.py" line="194"/>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/people.py" line="245"/>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/people.py" line="256"/>
        <source>Could not load the caseload.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/people.py" line="269"/>
        <source>Showing %1 of %2 people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/people.py" line="291"/>
        <source>Type words to search notes and care plans.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/people.py" line="310"/>
        <source>The search did not work. Please try other words.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PersonView</name>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="81"/>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="88"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="91"/>
        <source>Pronouns, key worker and support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="93"/>
        <source>Risk flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="97"/>
        <source>Care plan as &amp;PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="98"/>
        <source>Save the care plan as a PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="100"/>
        <source>Pre&amp;view care plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="101"/>
        <source>Preview the care plan as it prints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="117"/>
        <source>Sections of the record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="127"/>
        <source>&amp;Care plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="127"/>
        <source>C&amp;onversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="127"/>
        <source>&amp;Goals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="128"/>
        <source>&amp;Measures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="128"/>
        <source>&amp;Referrals and support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="129"/>
        <source>&amp;Services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="196"/>
        <source>Key worker: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfilesPage</name>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="77"/>
        <source>&lt;h1&gt;Outreach&lt;/h1&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="78"/>
        <source>Each person using this laptop has their own profile, protected by their own passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="82"/>
        <source>Open a profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="84"/>
        <source>Profiles on this laptop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="86"/>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="92"/>
        <source>Create a profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="94"/>
        <source>Profile name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="95"/>
        <source>Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="96"/>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="97"/>
        <source>Passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="101"/>
        <source>Passphrase strength</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="105"/>
        <source>Profile &amp;name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="106"/>
        <source>&amp;Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="107"/>
        <source>&amp;Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="108"/>
        <source>Passphrase &amp;again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="109"/>
        <source>Strength</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="112"/>
        <source>Enrol with your team&apos;s server (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="116"/>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="117"/>
        <source>Enrolment code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="118"/>
        <source>Server &amp;address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="119"/>
        <source>Enrolment &amp;code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="122"/>
        <source>&amp;Create profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="128"/>
        <source>Creating profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="131"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="198"/>
        <source>Please give the profile a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="200"/>
        <source>There is already a profile with that name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="202"/>
        <source>Please enter your name, as your team knows you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="204"/>
        <source>The two passphrases are different.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="206"/>
        <source>Please choose a stronger passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="208"/>
        <source>To enrol, enter both the server address and the code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="237"/>
        <source>The profile could not be created.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuestionnaireDialog</name>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="95"/>
        <source>Instructions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="118"/>
        <source>&amp;Save answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="119"/>
        <source>Save answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="141"/>
        <source>%1 of %2 answered</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../outreach/ui/reports.py" line="83"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="84"/>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="86"/>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="89"/>
        <source>&amp;Show figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="91"/>
        <source>Export &amp;CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="92"/>
        <source>Save each table and the caseload as CSV files (not encrypted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="97"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="100"/>
        <source>Headline figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="105"/>
        <source>Indicator tables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="115"/>
        <source>Conversations by setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="116"/>
        <source>Endings of support by reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="121"/>
        <source>Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="125"/>
        <source>&amp;From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="126"/>
        <source>&amp;To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="127"/>
        <source>S&amp;how</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="137"/>
        <source>&lt;h2&gt;Reports&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="191"/>
        <source>The start of the range is after its end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="197"/>
        <source>Working out the figures…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="209"/>
        <source>The figures could not be worked out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="222"/>
        <source> (as at %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="224"/>
        <source>Figures for %1 to %2%3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="262"/>
        <source>Referrals accepted: %1 · Median days to first conversation: %2 · Still waiting: %3 · People supported: %4 · Progress on 1+ goals: %5 · Planned endings: %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="320"/>
        <source>Save CSV files in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="337"/>
        <source>Saved %1 CSV files in %2. They are not encrypted: keep them safe and delete them when done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="342"/>
        <source>Saving CSV files…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchResults</name>
    <message>
        <location filename="../../outreach/ui/search_results.py" line="89"/>
        <source>Search results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/search_results.py" line="109"/>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServicesSection</name>
    <message>
        <location filename="../../outreach/ui/person/links.py" line="51"/>
        <source>Services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/links.py" line="53"/>
        <source>Services they are linked with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/links.py" line="54"/>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/links.py" line="54"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/links.py" line="54"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/links.py" line="55"/>
        <source>Linked on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/links.py" line="55"/>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/links.py" line="60"/>
        <source>Not linked with any service yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/links.py" line="61"/>
        <source>Lin&amp;k a service…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/links.py" line="62"/>
        <source>Link a service from the directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/links.py" line="84"/>
        <source>(service no longer listed)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="70"/>
        <source>&amp;Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="71"/>
        <source>Send and receive changes (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="73"/>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="78"/>
        <source>Sync progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="87"/>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="89"/>
        <source>Changes waiting to be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="97"/>
        <source>Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="98"/>
        <source>Last sync:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="99"/>
        <source>Outcome:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="100"/>
        <source>Waiting to send:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="102"/>
        <source>Enrol this laptop with your team&apos;s server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="105"/>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="108"/>
        <source>Enrolment code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="109"/>
        <source>&amp;Enrol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="112"/>
        <source>Server &amp;address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="113"/>
        <source>Enrolment c&amp;ode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="120"/>
        <location filename="../../outreach/ui/sync_panel.py" line="168"/>
        <source>Conflicts to resolve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="124"/>
        <source>&lt;h2&gt;Sync&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="154"/>
        <source>Not enrolled yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="156"/>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="158"/>
        <source>Synced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="158"/>
        <source>No sync yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="164"/>
        <source>Could not read the sync status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="184"/>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="185"/>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="195"/>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="226"/>
        <source>Sync was stopped. It carries on from where it stopped next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="241"/>
        <source>Sync did not work. Your changes are kept and will be sent next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="249"/>
        <source>Enter both the server address and the code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="254"/>
        <source>Enrolling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="263"/>
        <source>Enrolled. You can sync now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="269"/>
        <source>Enrolment did not work.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <location filename="../../outreach/ui/person/timeline.py" line="43"/>
        <source>1 addendum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/timeline.py" line="44"/>
        <source>%1 addenda</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimelineSection</name>
    <message>
        <location filename="../../outreach/ui/person/timeline.py" line="102"/>
        <source>Conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/timeline.py" line="103"/>
        <source>R&amp;ecord a conversation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/timeline.py" line="104"/>
        <source>Record a conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/timeline.py" line="106"/>
        <source>Add &amp;addendum…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/timeline.py" line="107"/>
        <source>Add an addendum to this conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/timeline.py" line="111"/>
        <source>Conversations, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/timeline.py" line="114"/>
        <source>The conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/timeline.py" line="116"/>
        <source>No conversations yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../../outreach/ui/today.py" line="74"/>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="77"/>
        <location filename="../../outreach/ui/today.py" line="80"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="79"/>
        <source>My caseload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="80"/>
        <location filename="../../outreach/ui/today.py" line="82"/>
        <location filename="../../outreach/ui/today.py" line="84"/>
        <location filename="../../outreach/ui/today.py" line="87"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="80"/>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="81"/>
        <source>Waiting for a first conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="82"/>
        <source>Days waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="82"/>
        <source>Key worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="83"/>
        <source>Follow-ups due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="84"/>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="84"/>
        <source>Follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="86"/>
        <source>Today&apos;s huddle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="87"/>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="87"/>
        <source>Concern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="91"/>
        <source>&amp;My caseload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="92"/>
        <source>&amp;Waiting for a first conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="93"/>
        <source>&amp;Follow-ups due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="94"/>
        <source>Today&apos;s &amp;huddle: open risk flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="119"/>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="128"/>
        <source>Could not load today&apos;s lists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="134"/>
        <source>&lt;h2&gt;Today, %1&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="143"/>
        <source>not yet allocated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="152"/>
        <source>Nobody on your caseload yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="153"/>
        <source>Nobody is waiting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="154"/>
        <source>No follow-ups due.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="155"/>
        <source>No open risk flags.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="165"/>
        <source>Trend of scores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="178"/>
        <source>higher is better</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="180"/>
        <source>lower is better</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="182"/>
        <location filename="../../outreach/ui/person/measures.py" line="212"/>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="203"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <location filename="../../outreach/ui/unlock.py" line="65"/>
        <source>Outreach is locked. Enter your passphrase to carry on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/unlock.py" line="70"/>
        <location filename="../../outreach/ui/unlock.py" line="71"/>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/unlock.py" line="73"/>
        <source>&amp;Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/unlock.py" line="76"/>
        <source>&amp;Switch profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/unlock.py" line="81"/>
        <source>Unlocking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/unlock.py" line="85"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/unlock.py" line="110"/>
        <source>&lt;h2&gt;Unlock %1&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/unlock.py" line="121"/>
        <source>Please enter your passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/unlock.py" line="149"/>
        <source>That passphrase is not right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/unlock.py" line="151"/>
        <source>Too many wrong passphrases.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/unlock.py" line="153"/>
        <source>The profile could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/unlock.py" line="172"/>
        <source>second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/unlock.py" line="172"/>
        <source>seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/unlock.py" line="173"/>
        <source>%1 You can try again in %2 %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/unlock.py" line="177"/>
        <source>%1 Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomeWizard</name>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="103"/>
        <location filename="../../outreach/ui/welcome.py" line="104"/>
        <source>Welcome conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="107"/>
        <source>&amp;Save welcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="116"/>
        <source>Before we start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="117"/>
        <source>Ask, in your own words, whether they are happy for us to keep a record and to share it when it helps them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="119"/>
        <source>I am happy for you to keep a &amp;record of our conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="121"/>
        <source>Consent to keep a record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="122"/>
        <source>I am happy for you to &amp;share it with services that can help me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="124"/>
        <source>Consent to share with partner services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="125"/>
        <source>Without consent to keep a record, nothing is saved: you can still offer a welcome and support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="134"/>
        <source>About you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="135"/>
        <source>Names and how they would like to be called.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="137"/>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="139"/>
        <source>Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="141"/>
        <source>What they would like to be called</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="145"/>
        <location filename="../../outreach/ui/welcome.py" line="148"/>
        <source>Pronouns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="149"/>
        <source>&amp;First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="150"/>
        <source>&amp;Last name (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="152"/>
        <source>What would you like to be &amp;called?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="154"/>
        <source>&amp;Pronouns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="158"/>
        <location filename="../../outreach/ui/welcome.py" line="161"/>
        <source>What matters to you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="159"/>
        <source>In their own words: this starts their care plan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="162"/>
        <source>&amp;What matters to you?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="167"/>
        <source>Staying in touch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="168"/>
        <source>How they would like to be contacted, and when.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="170"/>
        <source>How to contact them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="172"/>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="174"/>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="175"/>
        <source>Contact preferences, in their words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="177"/>
        <source>For example: texts after 10am, not at work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="179"/>
        <source>How would you like us to contact you?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="180"/>
        <source>P&amp;hone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="181"/>
        <source>&amp;Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="182"/>
        <source>Anything else about &amp;contact?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="186"/>
        <source>First goals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="187"/>
        <source>One or two things they would like to work towards, in their words. You can add more later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="193"/>
        <source>Goal %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="194"/>
        <source>Life area of goal %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="196"/>
        <source>Goal &amp;%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="197"/>
        <source>Life area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="202"/>
        <source>Who would you like to be matched with?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="203"/>
        <source>A peer mentor or worker: someone with shared experience, interests, language, gender, ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="205"/>
        <source>Who they would like to be matched with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="210"/>
        <source>Notes and where we met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="211"/>
        <source>A few words about the conversation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="212"/>
        <source>Where we met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="213"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="214"/>
        <source>Where did you &amp;meet?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="215"/>
        <source>&amp;Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="265"/>
        <source>Not saved. %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="47"/>
        <source>Sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="60"/>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="61"/>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="64"/>
        <source>Directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="65"/>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="66"/>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="70"/>
        <source>Admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="75"/>
        <source>%1 · profile %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="77"/>
        <source>Signed in as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="78"/>
        <source>New &amp;welcome…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="79"/>
        <source>Record a first welcome conversation (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="81"/>
        <source>&amp;Lock now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="82"/>
        <source>Hide everything and lock (Ctrl+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="92"/>
        <source>← &amp;Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="93"/>
        <source>Back to the list (Alt+Left)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../outreach/ui/person/widgets.py" line="145"/>
        <source>That record could not be found. It may have been removed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../outreach/ui/pdf.py" line="123"/>
        <source>Save the care plan as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/pdf.py" line="125"/>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>widget</name>
    <message>
        <location filename="../../outreach/ui/pdf.py" line="137"/>
        <source>Care plan saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/pdf.py" line="138"/>
        <source>The care plan was saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/pdf.py" line="143"/>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/pdf.py" line="144"/>
        <source>The care plan could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
