<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy_GB">
<context>
    <name></name>
    <message>
        <location filename="../../outreach/ui/welcome_resume.py" line="65"/>
        <source>You started a welcome with %1 and did not finish it (last changed %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome_resume.py" line="66"/>
        <source>You started a welcome and did not finish it (last changed %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome_resume.py" line="69"/>
        <source>There are %1 more unfinished welcomes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome_resume.py" line="70"/>
        <source>Resume welcome draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome_resume.py" line="72"/>
        <source>Resume it where you left off, or start a new one (the unfinished one is kept).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome_resume.py" line="74"/>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome_resume.py" line="75"/>
        <source>Start a &amp;new one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="242"/>
        <source>Concern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="243"/>
        <source>Raised on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="246"/>
        <source>Last reviewed on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="248"/>
        <source>What the last review found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="250"/>
        <source>Review by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="252"/>
        <source>Closed on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="254"/>
        <source>Why it was closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/widgets.py" line="286"/>
        <source>Binding</source>
        <comment>(no name)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/widgets.py" line="288"/>
        <source>Binding</source>
        <comment>born %1</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/widgets.py" line="290"/>
        <source>Binding</source>
        <comment>record %1</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AddendumDialog</name>
    <message>
        <location filename="../../outreach/ui/person/timeline.py" line="101"/>
        <source>Addendum for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/timeline.py" line="102"/>
        <source>Add an addendum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/timeline.py" line="105"/>
        <source>To the conversation of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/timeline.py" line="110"/>
        <source>the addendum for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/timeline.py" line="111"/>
        <source>Addendum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/timeline.py" line="112"/>
        <source>A correction or something to add. The conversation itself stays as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/timeline.py" line="117"/>
        <source>&amp;Add addendum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/timeline.py" line="147"/>
        <source>Your unsaved addendum from last time is back.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../outreach/ui/admin.py" line="89"/>
        <source>Enrolled laptops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="97"/>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="99"/>
        <source>Re&amp;voke laptop…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="103"/>
        <source>&amp;Yes, revoke it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="104"/>
        <source>&amp;Keep it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="109"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="111"/>
        <source>The team&apos;s laptops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="128"/>
        <source>User name for the new laptop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="129"/>
        <source>e.g. priya.nair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="132"/>
        <source>&amp;Issue enrolment code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="135"/>
        <source>Enrolment code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="144"/>
        <source>Enrolment QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="147"/>
        <source>Enrol a laptop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="149"/>
        <source>&amp;User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="151"/>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="158"/>
        <source>&lt;h2&gt;Admin&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="169"/>
        <source>Asking the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="178"/>
        <source>Revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="178"/>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="183"/>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="207"/>
        <source>Choose an active laptop first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="210"/>
        <source>This is the laptop you are using; revoke it from another one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="215"/>
        <source>Revoke %1&apos;s laptop? At its next contact it erases its Outreach data; anything it has not synced is lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="232"/>
        <source>Revoking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="248"/>
        <source>User to give a role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="250"/>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="251"/>
        <source>Set ro&amp;le</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="255"/>
        <source>The team&apos;s roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="256"/>
        <source>Roles in the team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="258"/>
        <source>U&amp;ser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="259"/>
        <source>R&amp;ole</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="284"/>
        <source>Choose or type the user to give a role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="298"/>
        <source>%1 is now %2. Their laptop learns it at its next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="310"/>
        <location filename="../../outreach/ui/admin.py" line="340"/>
        <source>Enter the user name the laptop is for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="325"/>
        <source>Use it once, before %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/admin.py" line="336"/>
        <source>The server did not answer. Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Binding</name>
    <message>
        <location filename="../../outreach/ui/person/widgets.py" line="302"/>
        <source>Whose record</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CarePlanSection</name>
    <message>
        <location filename="../../outreach/ui/person/careplan.py" line="81"/>
        <source>Care plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/careplan.py" line="112"/>
        <source>S&amp;ave care plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/careplan.py" line="113"/>
        <source>Save care plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/careplan.py" line="116"/>
        <source>&amp;Discard changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/careplan.py" line="117"/>
        <source>Discard unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/careplan.py" line="219"/>
        <source>Unsaved changes restored from a draft — Save or Discard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/careplan.py" line="221"/>
        <source>Changed by someone else since the draft was made, check before saving: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/careplan.py" line="226"/>
        <location filename="../../outreach/ui/person/careplan.py" line="227"/>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/careplan.py" line="228"/>
        <source>Unsaved changes restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/careplan.py" line="237"/>
        <source>Discard changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/careplan.py" line="238"/>
        <source>Throw away the changes to the care plan that have not been saved? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/careplan.py" line="281"/>
        <source>Care plan saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <location filename="../../outreach/ui/change_passphrase.py" line="49"/>
        <source>Change passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/change_passphrase.py" line="54"/>
        <source>Your data will be re-encrypted under a new key, so an old copy of this laptop&apos;s key file no longer opens it. This can take a minute for a large caseload.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/change_passphrase.py" line="58"/>
        <source>Current passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/change_passphrase.py" line="59"/>
        <source>New passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/change_passphrase.py" line="60"/>
        <source>New passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/change_passphrase.py" line="63"/>
        <source>Passphrase strength</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/change_passphrase.py" line="68"/>
        <source>Re-encrypting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/change_passphrase.py" line="72"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/change_passphrase.py" line="74"/>
        <source>&amp;Current passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/change_passphrase.py" line="75"/>
        <source>&amp;New passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/change_passphrase.py" line="76"/>
        <source>New passphrase &amp;again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/change_passphrase.py" line="77"/>
        <source>Strength</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/change_passphrase.py" line="80"/>
        <source>C&amp;hange and re-encrypt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/change_passphrase.py" line="112"/>
        <source>Please enter your current passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/change_passphrase.py" line="114"/>
        <source>The two new passphrases are different.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/change_passphrase.py" line="116"/>
        <source>Please choose a passphrase different from the current one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/change_passphrase.py" line="124"/>
        <source>Re-encrypting your data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/change_passphrase.py" line="149"/>
        <source>Your passphrase was changed and your data re-encrypted. Unlock with the new passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/change_passphrase.py" line="156"/>
        <source>The passphrase could not be changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/change_passphrase.py" line="161"/>
        <source>Cancelled: nothing was changed.</source>
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
        <source>Keep the fi&amp;rst</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conflicts.py" line="87"/>
        <source>Keep the seco&amp;nd</source>
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
        <location filename="../../outreach/ui/conflicts.py" line="123"/>
        <source>Conflicts that could not be shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conflicts.py" line="156"/>
        <source>: %1. Nothing was changed; please tell your admin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conflicts.py" line="181"/>
        <source>Nothing to resolve: no two edits clashed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conflicts.py" line="188"/>
        <source>Two people changed this text while apart. Keep one, or write a merged version. Nothing has been lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conflicts.py" line="223"/>
        <source>That did not work. Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentSection</name>
    <message>
        <location filename="../../outreach/ui/person/consent.py" line="65"/>
        <source>Consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/consent.py" line="68"/>
        <source>What they agree to now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/consent.py" line="70"/>
        <source>Sharing with partner services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/consent.py" line="72"/>
        <source>Keeping a record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/consent.py" line="76"/>
        <source>Sharing with partner services:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/consent.py" line="77"/>
        <source>Keeping a record:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/consent.py" line="80"/>
        <source>Record a change, as they tell you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/consent.py" line="81"/>
        <source>They &amp;agree to their record being shared with partner services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/consent.py" line="83"/>
        <source>Agrees to sharing with partner services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/consent.py" line="84"/>
        <source>They agree to us keeping a recor&amp;d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/consent.py" line="85"/>
        <source>Agrees to us keeping a record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/consent.py" line="87"/>
        <location filename="../../outreach/ui/person/consent.py" line="108"/>
        <source>How they told us</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/consent.py" line="88"/>
        <source>For example: said so at our walk today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/consent.py" line="89"/>
        <source>Save &amp;new answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/consent.py" line="90"/>
        <source>Save the new consent answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/consent.py" line="95"/>
        <source>How they &amp;told us</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/consent.py" line="103"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/consent.py" line="105"/>
        <source>Consent history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/consent.py" line="106"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/consent.py" line="106"/>
        <source>About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/consent.py" line="106"/>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/consent.py" line="107"/>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/consent.py" line="107"/>
        <source>Recorded by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/consent.py" line="143"/>
        <source>(first recorded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/consent.py" line="160"/>
        <source>Nothing to change: these are the answers already recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/consent.py" line="167"/>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/consent.py" line="169"/>
        <source>They no longer agree to us keeping a record: ask your admin to erase it from every laptop and the server.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationDialog</name>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="105"/>
        <source>Conversation with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="109"/>
        <source>the conversation with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="143"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="144"/>
        <source>&amp;When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="146"/>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="147"/>
        <source>Whe&amp;re</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="149"/>
        <source>Kind of conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="152"/>
        <source>&amp;Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="155"/>
        <source>Who was there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="156"/>
        <source>For example: the person and their sister</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="157"/>
        <source>Who was &amp;there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="159"/>
        <source>Notes, in the person&apos;s words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="160"/>
        <source>What was talked about, in their words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="162"/>
        <source>&amp;Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="164"/>
        <source>Follow-ups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="165"/>
        <source>What you or they will do next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="167"/>
        <source>&amp;Follow-ups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="172"/>
        <source>Follow up &amp;by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="173"/>
        <source>Set a follow-up date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="177"/>
        <source>Follow-up date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="184"/>
        <source>We talked about how safe they feel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="185"/>
        <source>Talked about how safe they feel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="186"/>
        <source>Risk check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="188"/>
        <source>There is a &amp;concern to share with the team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="190"/>
        <source>A concern to share with the team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="196"/>
        <source>Level of concern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="199"/>
        <source>&amp;Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="200"/>
        <source>The concern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="201"/>
        <source>What the team should know</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="203"/>
        <source>Conc&amp;ern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="210"/>
        <source>Review the concern by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="211"/>
        <source>Review by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="218"/>
        <source>Draft status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="221"/>
        <source>&amp;Save conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="223"/>
        <source>Save conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="225"/>
        <source>Keep as &amp;draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="227"/>
        <source>Keep as draft and close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="228"/>
        <source>D&amp;iscard draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="229"/>
        <location filename="../../outreach/ui/conversation.py" line="356"/>
        <source>Discard draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="338"/>
        <source>Your unsaved notes from last time are back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="430"/>
        <source>Check the date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="431"/>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="435"/>
        <source>Save it with this date, or go back and change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="437"/>
        <source>&amp;Save with this date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="438"/>
        <source>&amp;Change the date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="350"/>
        <source>Draft saved at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="357"/>
        <source>Throw away what you have typed? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="375"/>
        <source>Please write some notes before saving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="381"/>
        <source>Please say what the concern is, so the team can talk about it at the huddle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/conversation.py" line="408"/>
        <location filename="../../outreach/ui/conversation.py" line="423"/>
        <source>Not saved. %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DirectoryPage</name>
    <message>
        <location filename="../../outreach/ui/directory.py" line="200"/>
        <source>Directory of community services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="203"/>
        <source>Search services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="204"/>
        <source>Search by name, kind, area…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="212"/>
        <source>Services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="224"/>
        <source>About the service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="227"/>
        <source>&amp;Import from CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="228"/>
        <source>Import services from a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="232"/>
        <source>&amp;Refer them (pass on their details)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="234"/>
        <source>Refer the person, passing their details on to the service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="236"/>
        <location filename="../../outreach/ui/directory.py" line="275"/>
        <source>&amp;Link to this person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="237"/>
        <source>Link the person to this service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="274"/>
        <source>&amp;Link %1 to this service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="322"/>
        <source>They have not agreed to their details being shared with partner services, so nothing was passed on. Untick Refer to suggest the service instead, or check with them and record their answer on the Consent tab of their file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="330"/>
        <source>Referred to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="331"/>
        <source>Linked to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="338"/>
        <source>Import services from CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="339"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="348"/>
        <source>Importing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="371"/>
        <source>Nothing was imported: %1 problem(s) in the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="381"/>
        <source>%1 service(s) added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="386"/>
        <source>The file could not be imported: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DraftKeeper</name>
    <message>
        <location filename="../../outreach/ui/drafts.py" line="143"/>
        <source>The draft could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EpisodesSection</name>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="57"/>
        <source>Referrals and support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="60"/>
        <location filename="../../outreach/ui/person/episodes.py" line="61"/>
        <source>Referrals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="62"/>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="62"/>
        <source>Referred by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="62"/>
        <source>Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="63"/>
        <source>Decided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="63"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="65"/>
        <source>&amp;Accept referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="66"/>
        <source>Accept referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="69"/>
        <source>Why the referral is declined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="70"/>
        <source>Why it is declined, and where they were signposted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="72"/>
        <source>&amp;Decline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="73"/>
        <source>Decline referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="83"/>
        <location filename="../../outreach/ui/person/episodes.py" line="84"/>
        <source>Periods of support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="85"/>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="85"/>
        <source>Key worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="85"/>
        <source>Review by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="86"/>
        <source>Ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="86"/>
        <source>Why it ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="86"/>
        <source>Last reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="87"/>
        <source>S&amp;tart support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="88"/>
        <source>Start support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="90"/>
        <source>Reopen s&amp;upport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="91"/>
        <source>Reopen support without a new referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="92"/>
        <source>For someone coming back: no new referral or assessment needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="95"/>
        <source>Record a rev&amp;iew…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="96"/>
        <source>Record a care plan review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="97"/>
        <source>What the review found, and the next review date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="101"/>
        <source>End this period of support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="102"/>
        <source>Why support ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="103"/>
        <source>Choose a reason…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="106"/>
        <source>Notes on ending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="107"/>
        <source>&amp;End support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="108"/>
        <source>End support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="111"/>
        <source>Reaso&amp;n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="112"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="246"/>
        <source>Say why the referral is declined.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="269"/>
        <source>Choose why support is ending.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="276"/>
        <source>Support ended. It can be reopened at any time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="281"/>
        <source>Support reopened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/episodes.py" line="301"/>
        <source>Review saved. The next review date is set.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GoalsSection</name>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="59"/>
        <source>Goals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="61"/>
        <source>Goals and progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="62"/>
        <source>Goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="62"/>
        <source>Life area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="62"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="63"/>
        <source>Progress (0–10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="63"/>
        <source>Last rated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="73"/>
        <source>Rate the selected goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="76"/>
        <source>How close to the goal, 0 to 10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="77"/>
        <source>0 = not at all, 10 = reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="79"/>
        <source>Note about this rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="80"/>
        <source>A few words, if they like</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="81"/>
        <source>Save rat&amp;ing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="82"/>
        <source>Save rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="84"/>
        <source>Goal status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="86"/>
        <source>Set s&amp;tatus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="87"/>
        <source>Set goal status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="89"/>
        <source>How close &amp;now? (0 = not at all, 10 = reached)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="107"/>
        <source>Add a goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="109"/>
        <source>New goal, in their words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="110"/>
        <source>The goal, in their words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="112"/>
        <source>Life area of the new goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="115"/>
        <source>A&amp;dd goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="116"/>
        <source>Add goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="177"/>
        <source>What you had started typing here is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="189"/>
        <source>not rated yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="242"/>
        <source>Rating saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="254"/>
        <source>Write the goal first, in their words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/goals.py" line="263"/>
        <source>Goal added.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HuddleDialog</name>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="93"/>
        <source>Record the huddle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="98"/>
        <source>Date of the huddle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="102"/>
        <location filename="../../outreach/ui/huddle.py" line="172"/>
        <source>Who was there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="103"/>
        <source>Names, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="104"/>
        <location filename="../../outreach/ui/huddle.py" line="173"/>
        <source>Notes for the team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="105"/>
        <source>Anything for the whole team (no personal details here)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="108"/>
        <location filename="../../outreach/ui/huddle.py" line="117"/>
        <source>People discussed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="109"/>
        <source>Person discussed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="112"/>
        <location filename="../../outreach/ui/huddle.py" line="113"/>
        <source>What the team said</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="114"/>
        <source>Add person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="118"/>
        <location filename="../../outreach/ui/huddle.py" line="155"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="119"/>
        <source>Remove the selected person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="131"/>
        <source>Actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="132"/>
        <source>Action about</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="134"/>
        <location filename="../../outreach/ui/huddle.py" line="153"/>
        <location filename="../../outreach/ui/huddle.py" line="160"/>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="135"/>
        <source>What is to be done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="138"/>
        <location filename="../../outreach/ui/huddle.py" line="161"/>
        <source>Who will do it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="145"/>
        <location filename="../../outreach/ui/huddle.py" line="154"/>
        <location filename="../../outreach/ui/huddle.py" line="162"/>
        <source>Due by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="148"/>
        <source>Add action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="151"/>
        <source>Actions agreed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="153"/>
        <location filename="../../outreach/ui/huddle.py" line="159"/>
        <source>About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="154"/>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="156"/>
        <source>Remove the selected action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="171"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="180"/>
        <source>Save the huddle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="205"/>
        <source>Choose who was discussed from the list, then add them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="212"/>
        <source>%1 is already on the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="227"/>
        <source>Choose who the action is about, then add it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="231"/>
        <source>Say what is to be done and who will do it, then add it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="257"/>
        <source>Say who was at the huddle, then save.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HuddleHistoryDialog</name>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="311"/>
        <location filename="../../outreach/ui/huddle.py" line="313"/>
        <source>Past huddles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="315"/>
        <source>The huddle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="334"/>
        <source>No huddles recorded yet: use Record the huddle… on Today.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportErrorsDialog</name>
    <message>
        <location filename="../../outreach/ui/directory.py" line="155"/>
        <source>Nothing was imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="156"/>
        <source>Nothing was imported, because %1 problem(s) were found. Fix these rows in the file and import it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="161"/>
        <source>Problems found in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="162"/>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="162"/>
        <source>Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/directory.py" line="163"/>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LifeSection</name>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="79"/>
        <source>Life and feedback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="81"/>
        <source>Life outcomes and feedback recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="82"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="82"/>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="82"/>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="87"/>
        <source>Nothing recorded here yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="103"/>
        <source>Exit questionnaire (when support ends)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="105"/>
        <source>Exit questionnaire completed on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="106"/>
        <location filename="../../outreach/ui/person/life.py" line="118"/>
        <source>I felt listened to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="107"/>
        <location filename="../../outreach/ui/person/life.py" line="119"/>
        <source>My support felt joined up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="109"/>
        <location filename="../../outreach/ui/person/life.py" line="120"/>
        <source>I would use this service again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="112"/>
        <location filename="../../outreach/ui/person/life.py" line="113"/>
        <source>Anything else, in their words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="114"/>
        <source>Save &amp;questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="117"/>
        <source>Completed on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="126"/>
        <source>Life outcomes check: community, work and study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="127"/>
        <source>Life outcomes checked on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="129"/>
        <source>Takes part in community groups or activities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="131"/>
        <location filename="../../outreach/ui/person/life.py" line="133"/>
        <source>Not asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="132"/>
        <location filename="../../outreach/ui/person/life.py" line="139"/>
        <source>Work or study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="134"/>
        <source>Save chec&amp;k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="137"/>
        <source>Checked on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="138"/>
        <source>Community groups or activities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="144"/>
        <source>Job start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="145"/>
        <source>Job started on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="147"/>
        <location filename="../../outreach/ui/person/life.py" line="158"/>
        <source>Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="148"/>
        <source>The job, if they want it noted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="151"/>
        <source>Not noted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="152"/>
        <location filename="../../outreach/ui/person/life.py" line="162"/>
        <source>Hours a week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="153"/>
        <source>Found with employment support (IPS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="154"/>
        <source>Save &amp;job start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="157"/>
        <source>Started on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="198"/>
        <source>Exit questionnaire saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="205"/>
        <source>Check saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/life.py" line="215"/>
        <source>Job start saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LinkServiceDialog</name>
    <message>
        <location filename="../../outreach/ui/person/links.py" line="47"/>
        <source>Link %1 to a service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/links.py" line="50"/>
        <source>linking %1 to services</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../outreach/ui/main_window.py" line="45"/>
        <source>Outreach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/main_window.py" line="73"/>
        <source>&amp;Lock now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/main_window.py" line="100"/>
        <source>Enrolment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/main_window.py" line="194"/>
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
        <location filename="../../outreach/ui/person/measures.py" line="244"/>
        <source>Wellbeing measures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="247"/>
        <location filename="../../outreach/ui/person/measures.py" line="257"/>
        <source>Questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="251"/>
        <source>&amp;Answer the questionnaire…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="252"/>
        <source>Answer the questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="256"/>
        <source>Scores so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="257"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="258"/>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="258"/>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="321"/>
        <source>Saved. Score %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageLine</name>
    <message>
        <location filename="../../outreach/ui/person/widgets.py" line="131"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NetworkSection</name>
    <message>
        <location filename="../../outreach/ui/person/network.py" line="46"/>
        <source>Family and network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/network.py" line="49"/>
        <source>People who matter to them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/network.py" line="50"/>
        <location filename="../../outreach/ui/person/network.py" line="63"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/network.py" line="50"/>
        <source>Who they are</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/network.py" line="51"/>
        <location filename="../../outreach/ui/person/network.py" line="68"/>
        <location filename="../../outreach/ui/person/network.py" line="95"/>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/network.py" line="51"/>
        <location filename="../../outreach/ui/person/network.py" line="70"/>
        <location filename="../../outreach/ui/person/network.py" line="96"/>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/network.py" line="52"/>
        <source>May we contact them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/network.py" line="57"/>
        <source>No one recorded yet: ask who matters to them, then add them below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/network.py" line="61"/>
        <source>Someone who matters to them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/network.py" line="65"/>
        <source>Who they are to them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/network.py" line="66"/>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/network.py" line="72"/>
        <location filename="../../outreach/ui/person/network.py" line="97"/>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/network.py" line="73"/>
        <source>They &amp;agree to us contacting this person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/network.py" line="75"/>
        <source>Agrees to us contacting this person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/network.py" line="77"/>
        <source>Notes, in their words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/network.py" line="78"/>
        <source>For example: my sister, best in the evenings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/network.py" line="79"/>
        <source>A&amp;dd</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/network.py" line="80"/>
        <source>Add someone to their network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/network.py" line="82"/>
        <source>Save chang&amp;es</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/network.py" line="83"/>
        <source>Save changes to the chosen person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/network.py" line="85"/>
        <source>Remove from the l&amp;ist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/network.py" line="86"/>
        <source>Remove the chosen person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/network.py" line="89"/>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/network.py" line="92"/>
        <source>Who they are to &amp;them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/network.py" line="99"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/network.py" line="127"/>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/network.py" line="127"/>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/network.py" line="194"/>
        <source>Added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/network.py" line="201"/>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/network.py" line="211"/>
        <source>Removed from their network.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <location filename="../../outreach/ui/pdf.py" line="213"/>
        <source>Care plan preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/pdf.py" line="219"/>
        <source>Preview of the care plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/pdf.py" line="225"/>
        <source>&amp;Save as…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PeerMentorBox</name>
    <message>
        <location filename="../../outreach/ui/person/peer_mentor.py" line="22"/>
        <source>Who supports them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/peer_mentor.py" line="25"/>
        <location filename="../../outreach/ui/person/peer_mentor.py" line="38"/>
        <source>Key worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/peer_mentor.py" line="28"/>
        <location filename="../../outreach/ui/person/peer_mentor.py" line="31"/>
        <location filename="../../outreach/ui/person/peer_mentor.py" line="39"/>
        <source>Peer mentor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/peer_mentor.py" line="32"/>
        <source>Choose one of the team&apos;s peer mentors, or leave it empty for none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/peer_mentor.py" line="34"/>
        <location filename="../../outreach/ui/person/peer_mentor.py" line="35"/>
        <source>Save peer mentor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/peer_mentor.py" line="44"/>
        <source>Not yet allocated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/peer_mentor.py" line="61"/>
        <source>%1 is their peer mentor now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/peer_mentor.py" line="62"/>
        <source>They have no peer mentor now.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PeoplePage</name>
    <message>
        <location filename="../../outreach/ui/people.py" line="268"/>
        <source>Find a person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/people.py" line="270"/>
        <source>Type a name to filter; Ctrl+Enter searches notes and care plans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/people.py" line="275"/>
        <source>Show people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/people.py" line="281"/>
        <source>Search &amp;notes and care plans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/people.py" line="284"/>
        <source>Number of people shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/people.py" line="285"/>
        <source>No one yet: start a welcome (Ctrl+N).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/people.py" line="290"/>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/people.py" line="340"/>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/people.py" line="377"/>
        <source>Could not load the caseload.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/people.py" line="390"/>
        <source>Showing %1 of %2 people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/people.py" line="413"/>
        <source>Type words to search notes and care plans.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/people.py" line="432"/>
        <source>The search did not work. Please try other words.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PersonView</name>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="99"/>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="106"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="109"/>
        <source>Pronouns, key worker and support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="119"/>
        <source>Care plan as &amp;PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="120"/>
        <source>Save the care plan as a PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="116"/>
        <source>Pre&amp;view care plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="113"/>
        <source>Consent to share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="117"/>
        <source>Preview the care plan as it prints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="123"/>
        <source>E&amp;xport as FHIR…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="125"/>
        <source>Save the record as FHIR for another service&apos;s system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="147"/>
        <source>Sections of the record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="149"/>
        <source>&amp;Care plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="150"/>
        <source>C&amp;onversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="151"/>
        <source>&amp;Goals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="152"/>
        <source>&amp;Measures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="153"/>
        <source>&amp;Referrals and support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="154"/>
        <source>&amp;Services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="155"/>
        <source>Life o&amp;utcomes and feedback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="156"/>
        <source>Famil&amp;y and network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="157"/>
        <source>Consent to s&amp;hare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="252"/>
        <source>Key worker: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/view.py" line="254"/>
        <source>Peer mentor: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfilesPage</name>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="88"/>
        <source>&lt;h1&gt;Outreach&lt;/h1&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="89"/>
        <source>Each person using this laptop has their own profile, protected by their own passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="93"/>
        <source>Open a profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="95"/>
        <source>Profiles on this laptop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="97"/>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="103"/>
        <source>Create a profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="105"/>
        <source>Profile name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="106"/>
        <source>Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="107"/>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="108"/>
        <source>Passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="112"/>
        <source>Passphrase strength</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="116"/>
        <source>Profile &amp;name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="117"/>
        <source>&amp;Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="118"/>
        <source>&amp;Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="119"/>
        <source>Passphrase a&amp;gain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="130"/>
        <source>Enrolment co&amp;de</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="120"/>
        <source>Strength</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="123"/>
        <source>Enrol with your team&apos;s server (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="127"/>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="128"/>
        <source>Enrolment code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="129"/>
        <source>Server &amp;address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="133"/>
        <source>&amp;Create profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="139"/>
        <source>Creating profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="142"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="213"/>
        <source>Please give the profile a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="215"/>
        <source>There is already a profile with that name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="217"/>
        <source>Please enter your name, as your team knows you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="219"/>
        <source>The two passphrases are different.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="223"/>
        <source>To enrol, enter both the server address and the code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/profiles.py" line="252"/>
        <source>The profile could not be created.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuestionnaireDialog</name>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="95"/>
        <source>%1 with %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="101"/>
        <source>the %1 questionnaire with %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="108"/>
        <source>Instructions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="131"/>
        <source>&amp;Save answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="132"/>
        <source>Save answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="155"/>
        <source>%1 of %2 answered</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RefusedChanges</name>
    <message>
        <location filename="../../outreach/ui/refused.py" line="61"/>
        <source>Changes the server refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/refused.py" line="63"/>
        <source>Edi&amp;t and resend…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/refused.py" line="65"/>
        <source>&amp;Discard…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/refused.py" line="69"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/refused.py" line="73"/>
        <source>Yes, discard it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/refused.py" line="74"/>
        <source>Keep it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/refused.py" line="86"/>
        <source>Save and send again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/refused.py" line="88"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/refused.py" line="116"/>
        <source>%1 — the server said: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/refused.py" line="124"/>
        <source>That did not work; please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/refused.py" line="143"/>
        <source>Discard this change to %1? It will not be sent, and the record goes back to the server&apos;s version at the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/refused.py" line="191"/>
        <source>One of the values is not in a form Outreach understands; please check it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../outreach/ui/reports.py" line="111"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="112"/>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="114"/>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="117"/>
        <source>&amp;Show figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="119"/>
        <source>Export &amp;CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="120"/>
        <source>Save each table and the caseload as CSV files (not encrypted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="125"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="128"/>
        <source>Headline figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="133"/>
        <source>Indicator tables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="144"/>
        <source>Conversations by setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="145"/>
        <source>Endings of support by reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="151"/>
        <source>Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="337"/>
        <source>Referrals accepted: %1 · Median days to first conversation: %2 · Still waiting: %3 · People supported: %4 · Progress on 1+ goals: %5 · Achieved 1+ goals: %7 · Planned endings: %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="157"/>
        <source>&amp;To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="157"/>
        <source>Fro&amp;m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="159"/>
        <source>S&amp;how</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="170"/>
        <source>&lt;h2&gt;Reports&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="239"/>
        <source>The start of the range is after its end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="245"/>
        <source>Working out the figures…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="281"/>
        <source>The figures could not be worked out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="297"/>
        <source> (as at %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="299"/>
        <source>Figures for %1 to %2%3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="412"/>
        <source>Save CSV files in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="431"/>
        <source>Saved %1 CSV files in %2. They are not encrypted: keep them safe and delete them when done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="435"/>
        <source>Names left out of the caseload (not agreed to share): %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/reports.py" line="440"/>
        <source>Saving CSV files…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <location filename="../../outreach/ui/person/review.py" line="56"/>
        <source>Care plan review — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/review.py" line="58"/>
        <source>the care plan review for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/review.py" line="62"/>
        <source>Support started %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/review.py" line="65"/>
        <source>Review due %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/review.py" line="67"/>
        <source>Last reviewed %1 by %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/review.py" line="71"/>
        <source>About this period of support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/review.py" line="72"/>
        <location filename="../../outreach/ui/person/review.py" line="86"/>
        <source>What the review found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/review.py" line="73"/>
        <source>How things are going, what is changing in the care plan, what was agreed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/review.py" line="78"/>
        <location filename="../../outreach/ui/person/review.py" line="87"/>
        <source>Next review by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/review.py" line="81"/>
        <source>No further review planned (open-ended support)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/review.py" line="90"/>
        <source>Save review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/review.py" line="107"/>
        <source>Say what the review found, then save.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RiskHistoryDialog</name>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="264"/>
        <source>Risk flags — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="267"/>
        <source>Risk flags, open and closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="270"/>
        <source>No risk flags.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RiskReviewDialog</name>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="298"/>
        <source>Review risk flag — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="300"/>
        <source>the review of %1&apos;s risk flag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="306"/>
        <source>The flag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="308"/>
        <source>Keep the flag open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="309"/>
        <location filename="../../outreach/ui/person/risk.py" line="379"/>
        <source>Close the flag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="311"/>
        <location filename="../../outreach/ui/person/risk.py" line="328"/>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="316"/>
        <location filename="../../outreach/ui/person/risk.py" line="329"/>
        <source>Next review by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="320"/>
        <source>What the review found, or why the flag can close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="322"/>
        <source>What you talked about and what was decided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="331"/>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="333"/>
        <location filename="../../outreach/ui/person/risk.py" line="379"/>
        <source>Save review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="369"/>
        <source>What you typed last time is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="386"/>
        <source>Say what the review found, or why the flag can close, then save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="388"/>
        <source>Say why the flag can close, then save.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RiskRow</name>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="74"/>
        <source>Risk flag (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="77"/>
        <source> · review overdue by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="82"/>
        <location filename="../../outreach/ui/person/risk.py" line="109"/>
        <source>Show concern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="84"/>
        <source>Show or hide the concern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="86"/>
        <source>Review or close…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="87"/>
        <source>Review or close this risk flag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="92"/>
        <source>Concern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="109"/>
        <source>Hide concern</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RiskStrip</name>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="125"/>
        <source>Risk flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="131"/>
        <source>Risk flag history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/risk.py" line="132"/>
        <source>Every risk flag, open or closed</source>
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
        <location filename="../../outreach/ui/person/links.py" line="70"/>
        <source>Services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/links.py" line="72"/>
        <source>Services they are linked with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/links.py" line="73"/>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/links.py" line="73"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/links.py" line="73"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/links.py" line="74"/>
        <source>Linked on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/links.py" line="74"/>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/links.py" line="79"/>
        <source>Not linked with any service yet: Link a service (Alt+K) finds one in the directory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/links.py" line="82"/>
        <source>Lin&amp;k a service…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/links.py" line="83"/>
        <source>Link a service from the directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/links.py" line="106"/>
        <source>(service no longer listed)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../outreach/ui/session.py" line="82"/>
        <source>Auto-lock warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/session.py" line="125"/>
        <source>Locking in %1 seconds — move the mouse or press a key to stay.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="77"/>
        <source>&amp;Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="78"/>
        <source>Send and receive changes (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="80"/>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="84"/>
        <source>Sync progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="93"/>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="95"/>
        <source>Changes waiting to be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="103"/>
        <source>Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="104"/>
        <source>Last sync:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="105"/>
        <source>Outcome:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="106"/>
        <source>Waiting to send:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="108"/>
        <source>Enrol this laptop with your team&apos;s server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="111"/>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="114"/>
        <source>Enrolment code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="115"/>
        <source>&amp;Enrol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="121"/>
        <source>Server &amp;address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="122"/>
        <source>Enrolment c&amp;ode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="129"/>
        <location filename="../../outreach/ui/sync_panel.py" line="192"/>
        <source>Conflicts to resolve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="136"/>
        <location filename="../../outreach/ui/sync_panel.py" line="188"/>
        <source>Changes the server refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="140"/>
        <source>&lt;h2&gt;Sync&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="173"/>
        <source>Not enrolled yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="175"/>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="177"/>
        <source>Synced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="177"/>
        <source>No sync yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="183"/>
        <source>Could not read the sync status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="218"/>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="219"/>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="229"/>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="261"/>
        <source>Sync was stopped. It carries on from where it stopped next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="281"/>
        <source>Sync did not work. Your changes are kept and will be sent next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="302"/>
        <source>Enter both the server address and the code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="308"/>
        <source>Enrolling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="318"/>
        <source>Enrolled. You can sync now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/sync_panel.py" line="328"/>
        <source>Enrolment did not work. Check the address and the code, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <location filename="../../outreach/ui/person/timeline.py" line="53"/>
        <source>1 addendum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/timeline.py" line="54"/>
        <source>%1 addenda</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimelineSection</name>
    <message>
        <location filename="../../outreach/ui/person/timeline.py" line="169"/>
        <source>Conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/timeline.py" line="170"/>
        <source>R&amp;ecord a conversation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/timeline.py" line="171"/>
        <source>Record a conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/timeline.py" line="173"/>
        <source>Add &amp;addendum…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/timeline.py" line="174"/>
        <source>Add an addendum to this conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/timeline.py" line="178"/>
        <source>Conversations, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/timeline.py" line="181"/>
        <source>The conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/timeline.py" line="183"/>
        <source>No conversations yet: Record a conversation (Alt+E) adds the first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../../outreach/ui/today.py" line="158"/>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="161"/>
        <location filename="../../outreach/ui/today.py" line="164"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="163"/>
        <source>My caseload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="164"/>
        <location filename="../../outreach/ui/today.py" line="166"/>
        <location filename="../../outreach/ui/today.py" line="168"/>
        <location filename="../../outreach/ui/today.py" line="171"/>
        <location filename="../../outreach/ui/today.py" line="174"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="164"/>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="165"/>
        <source>Waiting for a first conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="166"/>
        <source>Days waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="166"/>
        <source>Key worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="167"/>
        <source>Follow-ups due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="168"/>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="168"/>
        <source>Follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="170"/>
        <source>Today&apos;s huddle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="171"/>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="171"/>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="172"/>
        <source>Concern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="173"/>
        <source>Care plan reviews due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="174"/>
        <source>Review by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="174"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="177"/>
        <source>Overdue risk flag reviews</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="186"/>
        <source>Record the review…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="188"/>
        <source>Record the care plan review of the selected person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="191"/>
        <source>Mark done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="192"/>
        <source>Mark the selected huddle action done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="195"/>
        <source>Record the huddle…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="197"/>
        <source>Record the huddle: who was there, people discussed, actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="199"/>
        <source>Past huddles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="200"/>
        <source>Read past huddles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="202"/>
        <source>Review or close the flag…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="203"/>
        <source>Review or close the selected risk flag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="208"/>
        <source>&amp;My caseload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="209"/>
        <source>Wa&amp;iting for a first conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="210"/>
        <source>F&amp;ollow-ups due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="211"/>
        <source>Care plan re&amp;views due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="212"/>
        <source>Today&apos;s &amp;huddle: open risk flags, overdue reviews first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="330"/>
        <source>Huddle action: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="347"/>
        <source>Nobody on your caseload yet: start a welcome (Ctrl+N).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="383"/>
        <source> (the first: a %1 flag, overdue by %2). They are first in the huddle list: review them at today&apos;s huddle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="447"/>
        <source>Action marked done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="291"/>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="301"/>
        <source>Could not load today&apos;s lists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="311"/>
        <source>&lt;h2&gt;Today, %1&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="320"/>
        <source>not yet allocated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="349"/>
        <source>Nobody is waiting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="350"/>
        <source>No follow-ups due.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="351"/>
        <source>No care plan reviews due in the next two weeks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/today.py" line="353"/>
        <source>No open risk flags.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="179"/>
        <source>Trend of scores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="193"/>
        <source>higher is better</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="195"/>
        <source>lower is better</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="197"/>
        <location filename="../../outreach/ui/person/measures.py" line="227"/>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/person/measures.py" line="218"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <location filename="../../outreach/ui/unlock.py" line="97"/>
        <source>Outreach is locked. Enter your passphrase to carry on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/unlock.py" line="102"/>
        <location filename="../../outreach/ui/unlock.py" line="103"/>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/unlock.py" line="106"/>
        <source>&amp;Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/unlock.py" line="109"/>
        <source>&amp;Switch profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/unlock.py" line="111"/>
        <source>&amp;Change passphrase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/unlock.py" line="117"/>
        <source>Unlocking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/unlock.py" line="121"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/unlock.py" line="167"/>
        <source>&lt;h2&gt;Unlock %1&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/unlock.py" line="181"/>
        <source>Passphrase changed and data re-encrypted. Unlock with the new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/unlock.py" line="201"/>
        <source>Please enter your passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/unlock.py" line="241"/>
        <source>That passphrase is not right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/unlock.py" line="243"/>
        <source>Too many wrong passphrases.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/unlock.py" line="245"/>
        <source>The profile could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/unlock.py" line="265"/>
        <source>second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/unlock.py" line="265"/>
        <source>seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/unlock.py" line="266"/>
        <source>%1 You can try again in %2 %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/unlock.py" line="270"/>
        <source>%1 Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomeWizard</name>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="134"/>
        <location filename="../../outreach/ui/welcome.py" line="135"/>
        <source>Welcome conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="138"/>
        <source>&amp;Save welcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="156"/>
        <source>Before we start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="157"/>
        <source>Ask, in your own words, whether they are happy for us to keep a record and to share it when it helps them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="159"/>
        <source>I am happy for you to keep a &amp;record of our conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="161"/>
        <source>Consent to keep a record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="162"/>
        <source>I am happy for you to &amp;share it with services that can help me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="164"/>
        <source>Consent to share with partner services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="165"/>
        <source>Without consent to keep a record, nothing is saved: you can still offer a welcome and support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="174"/>
        <source>About you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="175"/>
        <source>Names and how they would like to be called.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="177"/>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="179"/>
        <source>Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="181"/>
        <source>What they would like to be called</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="185"/>
        <location filename="../../outreach/ui/welcome.py" line="188"/>
        <source>Pronouns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="189"/>
        <source>&amp;First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="190"/>
        <source>&amp;Last name (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="192"/>
        <source>What would you like to be &amp;called?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="194"/>
        <source>&amp;Pronouns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="198"/>
        <location filename="../../outreach/ui/welcome.py" line="201"/>
        <source>What matters to you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="199"/>
        <source>In their own words: this starts their care plan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="202"/>
        <source>&amp;What matters to you?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="207"/>
        <source>Staying in touch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="208"/>
        <source>How they would like to be contacted, and when.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="210"/>
        <source>How to contact them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="212"/>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="214"/>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="215"/>
        <source>Contact preferences, in their words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="217"/>
        <source>For example: texts after 10am, not at work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="219"/>
        <source>How would you like us to contact you?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="220"/>
        <source>P&amp;hone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="221"/>
        <source>&amp;Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="222"/>
        <source>Anything else about &amp;contact?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="229"/>
        <source>First goals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="230"/>
        <source>One or two things they would like to work towards, in their words. You can add more later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="236"/>
        <source>Goal %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="237"/>
        <source>Life area of goal %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="239"/>
        <source>Goal &amp;%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="240"/>
        <source>Life area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="245"/>
        <source>Who would you like to be matched with?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="246"/>
        <source>A peer mentor or worker: someone with shared experience, interests, language, gender, ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="248"/>
        <source>Who they would like to be matched with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="252"/>
        <source>Peer mentor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="253"/>
        <source>No peer mentor yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="256"/>
        <source>Pee&amp;r mentor, alongside their key worker (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="261"/>
        <source>Notes and where we met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="262"/>
        <source>A few words about the conversation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="263"/>
        <source>Where we met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="264"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="265"/>
        <source>Where did you &amp;meet?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="270"/>
        <source>&amp;Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="284"/>
        <source>Please check: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="398"/>
        <location filename="../../outreach/ui/welcome.py" line="401"/>
        <source>Leave the welcome?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="399"/>
        <source>This welcome has not been saved. Keep it as a draft to finish later, or discard what you entered?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="402"/>
        <source>&amp;Keep as draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="403"/>
        <source>&amp;Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="405"/>
        <source>&amp;Go back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/welcome.py" line="479"/>
        <source>Not saved. %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WithMePanel</name>
    <message>
        <location filename="../../outreach/ui/with_me.py" line="63"/>
        <source>Someone is with me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/with_me.py" line="65"/>
        <source>&lt;h2&gt;Someone is with me&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/with_me.py" line="67"/>
        <source>Other people&apos;s names and all risk flags are hidden.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/with_me.py" line="68"/>
        <source>To show them again, press %1 or the “Show other people” button.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/with_me.py" line="73"/>
        <source>Full name of the person with me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/with_me.py" line="74"/>
        <source>First name and family name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/with_me.py" line="76"/>
        <source>Open their file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/with_me.py" line="79"/>
        <source>People with this name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/with_me.py" line="84"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/with_me.py" line="90"/>
        <source>Their full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/with_me.py" line="135"/>
        <source>Could not look the name up. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/with_me.py" line="145"/>
        <source>Nobody on this laptop has that full name. Check the spelling with them, or record a New welcome.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/with_me.py" line="152"/>
        <source>More than one person has this name: choose them below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/with_me.py" line="155"/>
        <source>key worker %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="115"/>
        <source>Sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="119"/>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="120"/>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="121"/>
        <source>Directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="122"/>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="123"/>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="144"/>
        <source>Hide other people&apos;s names and all risk flags (%1); press again to show them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="155"/>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="156"/>
        <source>Lock after this many minutes without use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="160"/>
        <source>Lock when idle &amp;for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="164"/>
        <source>Open in the “someone is
with me” view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="165"/>
        <source>Open in the “someone is with me” view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="167"/>
        <source>After unlocking, start with other people&apos;s names and risk flags hidden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="213"/>
        <source>Admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="215"/>
        <source>%1 · profile %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="383"/>
        <source>Finish this first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="384"/>
        <source>Finish or close %1 first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="386"/>
        <source>Another person&apos;s file opens once it is saved, kept as a draft or closed, so nothing is written to the wrong person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="455"/>
        <source>Show other people (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="455"/>
        <source>Someone is with me (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="458"/>
        <source>Someone is with me: other people are hidden. Show them again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="459"/>
        <source>Someone is with me: hide other people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="127"/>
        <source>Signed in as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="128"/>
        <source>New &amp;welcome…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="129"/>
        <source>Record a first welcome conversation (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="131"/>
        <source>&amp;Lock now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="132"/>
        <source>Hide everything and lock (Ctrl+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="179"/>
        <source>← &amp;Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/workspace.py" line="180"/>
        <source>Back to the list (Alt+Left)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <location filename="../../outreach/ui/crash.py" line="138"/>
        <source>Something went wrong, and Outreach stopped what it was doing. Your saved work is safe: carry on, and if this happens again, restart Outreach.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../outreach/ui/person/widgets.py" line="200"/>
        <source>That record could not be found. It may have been removed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../outreach/ui/pdf.py" line="129"/>
        <source>Save the care plan as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/pdf.py" line="131"/>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/pdf.py" line="168"/>
        <source>this person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/pdf.py" line="169"/>
        <source>Not agreed to share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/pdf.py" line="170"/>
        <source>%1 has not agreed to their record being shared with partner services. Save the care plan only if it is for %1 to keep. To send it anywhere else, check with them first and record their answer on the Consent tab of their file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/pdf.py" line="175"/>
        <source>For %1 to keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/huddle.py" line="70"/>
        <source>Type a name…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>widget</name>
    <message>
        <location filename="../../outreach/ui/pdf.py" line="143"/>
        <source>Care plan saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/pdf.py" line="144"/>
        <source>The care plan was saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/pdf.py" line="149"/>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../outreach/ui/pdf.py" line="150"/>
        <source>The care plan could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
