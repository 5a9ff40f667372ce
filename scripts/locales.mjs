// Every word the extension shows, in English and Japanese side by side: the one source of
// public/_locales/{en,ja}/messages.json. `npm run locales` writes them; `npm test` fails when they
// differ from this table (test/unit/locales.test.ts). Placeholders are $NAME$, numbered in order of
// their first appearance in the English text.
import { readFileSync, writeFileSync } from 'node:fs';

/** [key, English, Japanese] */
export const MESSAGES = [
  ['extName', 'Opt-Out Sync Guard', 'Opt-Out Sync Guard（オプトアウト同期ガード）'],
  ['extShortName', 'Opt-Out Guard', 'オプトアウト同期ガード'],
  [
    'extDescription',
    'Opt an Account Engagement (Pardot) prospect back in on both sides of the Salesforce sync, and see when the connector will undo an unchecked Opted Out.',
    'Account Engagement (Pardot) のプロスペクトを、Salesforce との同期の両側でオプトインに戻します。[プロスペクトオプトアウト済み] のチェックを外しても、コネクターの同期で元に戻ってしまう場合に知らせます。',
  ],
  ['overlayTitle', 'Opt-Out Sync Guard', 'オプトアウト同期ガード'],
  ['overlayDismiss', 'Hide for this page', 'このページでは非表示'],
  ['overlayProspect', 'Prospect $ID$', 'プロスペクト $ID$'],
  ['overlayContact', 'Contact $ID$', '取引先責任者 $ID$'],
  ['overlayLead', 'Lead $ID$', 'リード $ID$'],
  ['overlayChecking', 'Checking…', '確認しています…'],
  ['sideAe', 'Account Engagement', 'Account Engagement'],
  ['sideSf', 'Salesforce', 'Salesforce'],
  ['fieldOptedOut', 'Opted Out', 'プロスペクトオプトアウト済み'],
  ['fieldEmailOptOut', 'Email Opt Out', 'メール送信除外'],
  ['fieldDoNotEmail', 'Do Not Email', 'メール送信除外（AE）'],
  ['fieldHardBounced', 'Hard bounced', 'ハードバウンス'],
  ['fieldLastSync', 'Last sync', '最終同期'],
  ['valueYes', 'Yes', 'はい'],
  ['valueNo', 'No', 'いいえ'],
  ['valueUnknown', 'not read', '未取得'],
  [
    'aeNotRead',
    'The Account Engagement side is not read yet: open the prospect in Account Engagement, or connect the AE API in the settings.',
    'Account Engagement 側はまだ読み取っていません。Account Engagement でプロスペクトを開くか、設定で AE API に接続してください。',
  ],
  [
    'stateOptionOff',
    'The connector option “Overwrite Prospect Opted Out field” is off for this business unit. If you uncheck only one side, the next sync (about every 2 minutes) checks it again.',
    'このビジネスユニットではコネクターの「[プロスペクトオプトアウト済み] 項目を上書き」がオフです。片側だけチェックを外しても、次の同期（約 2 分ごと）でチェックが戻ります。',
  ],
  [
    'stateOptionUnknown',
    'It is not known whether “Overwrite Prospect Opted Out field” is on for this business unit. Open the connector settings once (Account Engagement: Admin > Connectors > Salesforce.com ⚙ > Edit), or set it in the extension’s settings. Until then it is treated as off.',
    'このビジネスユニットで「[プロスペクトオプトアウト済み] 項目を上書き」がオンかどうか分かりません。コネクター設定（Account Engagement: 管理 > コネクター > Salesforce.com の ⚙ > 編集）を一度開くか、拡張機能の設定で指定してください。それまではオフとして扱います。',
  ],
  [
    'stateOptionOnEither',
    '“Overwrite Prospect Opted Out field” is on: unchecking either side is enough; the sync carries it over.',
    '「[プロスペクトオプトアウト済み] 項目を上書き」はオンです。どちらか片側のチェックを外せば、同期でもう片側にも反映されます。',
  ],
  [
    'stateOptionOnAe',
    '“Overwrite Prospect Opted Out field” is on and the sync uses Account Engagement’s value: uncheck Opted Out in Account Engagement.',
    '「[プロスペクトオプトアウト済み] 項目を上書き」はオンで、同期は Account Engagement の値を使用します。Account Engagement で [Opted Out] のチェックを外してください。',
  ],
  [
    'stateOptionOnSf',
    '“Overwrite Prospect Opted Out field” is on and the sync uses Salesforce’s value: uncheck Email Opt Out in Salesforce.',
    '「[プロスペクトオプトアウト済み] 項目を上書き」はオンで、同期は Salesforce の値を使用します。Salesforce で [メール送信除外] のチェックを外してください。',
  ],
  [
    'stateOptionOnSafe',
    '“Overwrite Prospect Opted Out field” is on, but the Opted Out field’s sync behavior is not known: uncheck both sides to be safe.',
    '「[プロスペクトオプトアウト済み] 項目を上書き」はオンですが、Opted Out 項目の同期動作が分かりません。安全のため両側のチェックを外してください。',
  ],
  [
    'stateNotSynced',
    'Opted Out is not mapped to the Salesforce field Email Opt Out: the two sides are separate and the sync changes neither.',
    '[Opted Out] は Salesforce の [メール送信除外] 項目と連携していません。両側は別々で、同期ではどちらも変わりません。',
  ],
  [
    'linkNotLinkedProspect',
    'This prospect is not linked to a Salesforce Lead or Contact: there is no sync to fight. Uncheck Opted Out in Account Engagement directly.',
    'このプロスペクトは Salesforce のリードや取引先責任者と連携していません。同期で戻ることはないので、Account Engagement で直接 [Opted Out] のチェックを外してください。',
  ],
  [
    'linkNotLinkedRecord',
    'This record is not linked to an Account Engagement prospect (its Pardot URL is empty, and no prospect with its email points back to it).',
    'このレコードは Account Engagement のプロスペクトと連携していません（Pardot URL が空で、同じメールのプロスペクトもこのレコードを指していません）。',
  ],
  [
    'linkSeveral',
    'Several prospects share this email address. Open the prospect you mean in Account Engagement and start from there.',
    'このメールアドレスのプロスペクトが複数あります。対象のプロスペクトを Account Engagement で開き、そこから操作してください。',
  ],
  [
    'linkMismatch',
    'The prospect and the Salesforce record do not point to each other, so nothing will be written. Check how the connector matched them.',
    'プロスペクトと Salesforce のレコードが互いを指していないため、何も書き込みません。コネクターの照合を確認してください。',
  ],
  [
    'linkBackLinkUnreadable',
    'This record’s Pardot URL (pi__url__c) does not read as a link to a prospect, so the extension cannot tell from here which prospect it syncs with. Open the prospect in Account Engagement and start there.',
    'このレコードの Pardot URL（pi__url__c）はプロスペクトへのリンクとして読み取れないため、ここからは同期先のプロスペクトが分かりません。Account Engagement でプロスペクトを開き、そこから操作してください。',
  ],
  ['optedInBoth', 'Opted in on both sides.', '両側ともオプトイン済みです。'],
  [
    'unmailableDoNotEmail',
    'Do Not Email is checked: even opted in, this prospect gets no marketing email. Unchecking Opted Out does not change Do Not Email.',
    '[メール送信除外] がオンです。オプトインに戻してもマーケティングメールは届きません。[Opted Out] のチェックを外しても [メール送信除外] は変わりません。',
  ],
  [
    'unmailableHardBounced',
    'This address hard bounced: Account Engagement will not send to it until the address is corrected. Unchecking Opted Out does not change that.',
    'このアドレスはハードバウンスしています。アドレスが修正されるまで Account Engagement は送信しません。[Opted Out] のチェックを外しても変わりません。',
  ],
  ['buttonOptIn', 'Opt back in on both sides', '両側でオプトインに戻す'],
  ['confirmTitle', 'Opt $EMAIL$ back in?', '$EMAIL$ をオプトインに戻しますか?'],
  [
    'confirmBody',
    'The extension unchecks Opted Out in Account Engagement and Email Opt Out in Salesforce together, waits for the sync, checks both, and retries if needed. No other field is changed. Do this only when the person has asked to receive email again.',
    'Account Engagement の [Opted Out] と Salesforce の [メール送信除外] のチェックを同時に外し、同期を待って両側を確認し、必要なら再試行します。他の項目は変更しません。本人がメール受信を再び希望した場合にだけ実行してください。',
  ],
  ['confirmReason', 'Reason (kept in the audit log)', '理由（監査ログに残ります）'],
  [
    'confirmReasonHint',
    'At least 3 characters, e.g. “asked by email on 28 Nov”.',
    '3 文字以上。例: 「11/28 にメールで依頼あり」',
  ],
  ['buttonConfirm', 'Uncheck both sides', '両側のチェックを外す'],
  ['buttonCancel', 'Cancel', 'キャンセル'],
  ['jobPreflight', 'Checking both records…', '両方のレコードを確認しています…'],
  ['jobWriting', 'Unchecking both sides…', '両側のチェックを外しています…'],
  [
    'jobWaiting',
    'Waiting for the connector sync (at most $SECONDS$ s more)…',
    'コネクターの同期を待っています（最大あと $SECONDS$ 秒）…',
  ],
  ['jobVerifying', 'Checking both sides after the sync…', '同期後の両側を確認しています…'],
  ['jobAttempt', 'Attempt $N$ of $MAX$', '$MAX$ 回中 $N$ 回目'],
  [
    'jobDone',
    'Opted back in on both sides, verified after the sync.',
    '両側でオプトインに戻しました（同期後に確認済み）。',
  ],
  ['jobFailed', 'Not done: $REASON$', '完了しませんでした: $REASON$'],
  [
    'jobWritten',
    'Written before it stopped: $SIDES$. The next sync settles the pair; this panel shows what it became.',
    '停止前に書き込んだ側: $SIDES$。次の同期で両側がそろいます。結果はこのパネルに表示されます。',
  ],
  ['jobNothingWritten', 'Nothing was written.', '何も書き込んでいません。'],
  [
    'consentNewerOptOut',
    'The prospect opted out again at $TIME$, after your confirmation: $WHAT$',
    'ご確認の後、$TIME$ にプロスペクトが再びオプトアウトしました: $WHAT$',
  ],
  [
    'consentSalesforceOptOut',
    'Email Opt Out was checked in Salesforce by $WHO$ at $TIME$, after your confirmation.',
    'ご確認の後、$TIME$ に $WHO$ が Salesforce の [メール送信除外] をオンにしました。',
  ],
  [
    'consentActivitiesNotShown',
    'The prospect page shows no activity list, so a new opt-out could not be ruled out.',
    'プロスペクトのページにアクティビティの一覧が表示されないため、新しいオプトアウトがないことを確認できませんでした。',
  ],
  [
    'consentActivitiesUnreadable',
    'The prospect’s activity list could not be read (or an opt-out in it has no readable date), so a new opt-out could not be ruled out.',
    'プロスペクトのアクティビティ一覧を読み取れなかった（または日付を読み取れないオプトアウトがある）ため、新しいオプトアウトがないことを確認できませんでした。',
  ],
  [
    'consentHistoryUntracked',
    'Salesforce keeps no field history of Email Opt Out for this record (tracking is off, or nothing changed since it was turned on).',
    'このレコードの Salesforce の [メール送信除外] には項目履歴がありません（履歴管理がオフか、オンにしてから変更がありません）。',
  ],
  [
    'consentHistoryUnreadable',
    'Salesforce’s field history of Email Opt Out could not be read.',
    'Salesforce の [メール送信除外] の項目履歴を読み取れませんでした。',
  ],
  ['notifyDoneTitle', 'Opted back in', 'オプトインに戻しました'],
  [
    'notifyDone',
    '$EMAIL$ (prospect $ID$) is opted back in on both sides.',
    '$EMAIL$（プロスペクト $ID$）を両側でオプトインに戻しました。',
  ],
  ['notifyFailedTitle', 'Opt-in did not finish', 'オプトインが完了しませんでした'],
  [
    'notifyFailed',
    'Opting $EMAIL$ (prospect $ID$) back in did not finish. Open the prospect to see why.',
    '$EMAIL$（プロスペクト $ID$）のオプトインが完了しませんでした。理由はプロスペクトを開いて確認してください。',
  ],
  ['popupRecognised', 'This page is recognised.', 'このページを認識しました。'],
  [
    'popupNotRecognised',
    'Open an Account Engagement prospect, or a Salesforce Lead or Contact, to use the extension.',
    'Account Engagement のプロスペクト、または Salesforce のリードか取引先責任者を開くと使えます。',
  ],
  ['popupOpenOptions', 'Settings and audit log', '設定と監査ログ'],
  [
    'error_bad_request',
    'The extension could not understand this request. Reload the page and try again. Nothing was changed.',
    'この要求を理解できませんでした。ページを再読み込みしてもう一度お試しください。何も変更していません。',
  ],
  [
    'error_wrong_sender',
    'This request did not come from the page it names, so the extension ignored it. Nothing was changed.',
    'この要求は、要求に書かれたページから送られていないため無視しました。何も変更していません。',
  ],
  [
    'error_internal',
    'Something went wrong inside the extension. Nothing was changed. Reload the page and try again.',
    '拡張機能の内部でエラーが発生しました。何も変更していません。ページを再読み込みしてもう一度お試しください。',
  ],
  [
    'error_extension_reloaded',
    'The extension was updated or reloaded. Reload this page to use it again.',
    '拡張機能が更新または再読み込みされました。このページを再読み込みしてください。',
  ],
  [
    'error_session_expired',
    'Your Salesforce session has expired or is not accepted. Log in to Salesforce again (or reconnect in the settings), then retry.',
    'Salesforce のセッションが切れたか、受け付けられませんでした。Salesforce に再ログイン（または設定で再接続）してから再試行してください。',
  ],
  [
    'error_api_access_control',
    'Your org lets only approved apps use Salesforce’s API (API Access Control), so the extension cannot use your browser session there. Connect it with OAuth in its settings, using a connected app your admin approves: its token then serves Salesforce as well as Account Engagement.',
    'この組織では承認されたアプリケーションだけが Salesforce の API を使えます（API アクセス制御）。そのため拡張機能はブラウザーのセッションを使えません。拡張機能の設定で、管理者が承認した接続アプリケーションを使って OAuth で接続してください。そのトークンで Salesforce と Account Engagement の両方を使えます。',
  ],
  [
    'error_api_disabled',
    'API access is not enabled for your Salesforce user. Ask an administrator for the “API Enabled” permission.',
    'この Salesforce ユーザーでは API が使えません。「API の有効化」権限を管理者に依頼してください。',
  ],
  [
    'error_no_access',
    'You do not have access to this record. Ask an administrator for edit access.',
    'このレコードへのアクセス権がありません。管理者に編集権限を依頼してください。',
  ],
  [
    'error_field_not_writable',
    'The field cannot be written with your access (field-level security, or the AE API refuses it). Nothing else was changed.',
    '権限（項目レベルセキュリティ、または AE API の制限）によりこの項目を書き込めません。他は何も変更していません。',
  ],
  ['error_record_deleted', 'The record has been deleted.', 'レコードは削除されています。'],
  [
    'error_record_not_found',
    'The record was not found. It may have been merged or you may not see it.',
    'レコードが見つかりません。マージされたか、参照権限がない可能性があります。',
  ],
  [
    'error_business_unit_wrong',
    'Account Engagement did not accept the business unit (or this is the wrong AE host). Check the business unit in the settings.',
    'Account Engagement がビジネスユニットを受け付けませんでした（または AE のホストが違います）。設定でビジネスユニットを確認してください。',
  ],
  [
    'error_business_unit_unknown',
    'The business unit is not known. Choose it in the extension’s settings.',
    'ビジネスユニットが分かりません。拡張機能の設定で選択してください。',
  ],
  [
    'error_rate_limited',
    'Account Engagement or Salesforce asked to slow down. The extension will try again shortly.',
    'Account Engagement または Salesforce から要求を減らすよう求められました。少し後に再試行します。',
  ],
  [
    'error_daily_limit',
    'The daily API limit is reached. Try again tomorrow, or ask an administrator about the limit.',
    '1 日の API 上限に達しました。明日再試行するか、管理者に上限について相談してください。',
  ],
  [
    'error_network',
    'The network did not answer. Check your connection; the extension retries on its own.',
    'ネットワークが応答しません。接続を確認してください。拡張機能は自動で再試行します。',
  ],
  [
    'error_server_error',
    'The server answered with an error. The extension retries on its own.',
    'サーバーがエラーを返しました。拡張機能は自動で再試行します。',
  ],
  [
    'error_control_not_found',
    'A control the extension needs was not found on the Account Engagement page. Nothing was written on either side.',
    '拡張機能が必要とする項目やボタンが Account Engagement の画面に見つかりませんでした。どちらの側にも何も書き込んでいません。',
  ],
  [
    'error_save_not_confirmed',
    'Account Engagement did not confirm the save: Opted Out still shows as checked.',
    'Account Engagement で保存を確認できませんでした。[Opted Out] はまだオンのままです。',
  ],
  [
    'error_signed_out_of_ae',
    'You are signed out of Account Engagement. Sign in again, then retry.',
    'Account Engagement からサインアウトしています。再度サインインしてから再試行してください。',
  ],
  [
    'error_ae_page_unavailable',
    'The Account Engagement prospect page could not be opened or did not answer in time.',
    'Account Engagement のプロスペクト画面を開けないか、時間内に応答がありませんでした。',
  ],
  [
    'error_not_linked',
    'The prospect and a Salesforce record are not linked, so there is no sync to coordinate.',
    'プロスペクトと Salesforce のレコードが連携していないため、同期を調整する必要はありません。',
  ],
  [
    'error_several_prospects',
    'Several prospects share this email address. Start from the prospect in Account Engagement.',
    'このメールアドレスのプロスペクトが複数あります。Account Engagement のプロスペクトから操作してください。',
  ],
  [
    'error_link_mismatch',
    'The prospect and the record no longer match what you confirmed. Nothing was written.',
    'プロスペクトとレコードが確認時の内容と一致しません。何も書き込んでいません。',
  ],
  [
    'error_back_link_unreadable',
    'This record’s Pardot URL does not read as a link to a prospect. Start from the prospect in Account Engagement. Nothing was written.',
    'このレコードの Pardot URL はプロスペクトへのリンクとして読み取れません。Account Engagement のプロスペクトから操作してください。何も書き込んでいません。',
  ],
  [
    'error_not_opted_out',
    'Neither side is opted out: there is nothing to do. Nothing was written.',
    'どちらの側もオプトアウトされていないため、何もする必要はありません。何も書き込んでいません。',
  ],
  [
    'error_reverted',
    'The sync checked the box again every time. Check the connector settings, then retry.',
    '同期のたびにチェックが戻りました。コネクター設定を確認して再試行してください。',
  ],
  [
    'error_not_confirmed',
    'The extension stopped before it could confirm a write; the check after the sync shows what landed.',
    '書き込みの完了を確認する前に拡張機能が停止しました。同期後の確認で結果が分かります。',
  ],
  [
    'error_expired',
    'Your confirmation expired before the opt-in could finish, so nothing more was written. Check the pair as it is now and confirm again if it still applies.',
    '確認の有効期限が切れたため、オプトインを完了できず、それ以上は何も書き込んでいません。現在の状態を確認し、まだ必要であればもう一度確認してください。',
  ],
  [
    'error_opted_out_again',
    'The person may have opted out again after your confirmation (a newer opt-out, or one the extension could not rule out), so nothing more was written. The audit log says what it saw.',
    'この人物は確認後に再びオプトアウトした可能性があります（より新しいオプトアウト、または拡張機能が否定できなかったもの）。そのため、それ以上は何も書き込んでいません。確認した内容は監査ログに記録されています。',
  ],
  [
    'error_org_unknown',
    'Which Salesforce org this is could not be told: sign in to exactly one org, or open the record from Salesforce.',
    'どの Salesforce 組織か判別できません。1 つの組織だけにログインするか、Salesforce のレコードから操作してください。',
  ],
  [
    'error_oauth_failed',
    'Signing in to Salesforce for the AE API did not complete. Check the consumer key and login host, then connect again.',
    'AE API 用の Salesforce へのサインインが完了しませんでした。コンシューマー鍵とログインホストを確認し、もう一度接続してください。',
  ],
  [
    'error_oauth_not_configured',
    'Enter the consumer key of your connected app first.',
    '先に接続アプリケーションのコンシューマー鍵を入力してください。',
  ],
  [
    'error_storage_unavailable',
    "Chrome could not read the extension's stored data, so nothing was started and nothing was changed. Close and reopen Chrome, then try again.",
    'Chrome が拡張機能の保存データを読み取れなかったため、何も開始せず、何も変更していません。Chrome を閉じて開き直してから、もう一度お試しください。',
  ],
  [
    'error_opted_out_not_editable',
    'Your Account Engagement role cannot change Opted Out: it lacks the “Update Opted Out Field” ability (on for the Administrator role by default). Nothing was written on either side. Ask an Account Engagement admin to add the ability to your role (Account Engagement Settings > User Management > Roles), or to opt the prospect in.',
    'あなたの Account Engagement のロールでは [Opted Out] を変更できません（「Opted Out 項目を更新」の権限がありません。管理者ロールでは既定でオン）。どちらの側にも何も書き込んでいません。Account Engagement の管理者に、ロールへの権限追加（Account Engagement 設定 > ユーザー管理 > ロール）か、このプロスペクトのオプトインを依頼してください。',
  ],
  [
    'error_ae_form_open',
    'This prospect’s edit form is open with unsaved changes in another tab. Save or cancel it first: saving it later would check Opted Out again. Nothing was written.',
    'このプロスペクトの編集画面が別のタブで未保存の変更ありのまま開いています。先に保存するかキャンセルしてください（後で保存すると [Opted Out] が再びオンになります）。何も書き込んでいません。',
  ],
  [
    'error_pair_changed',
    'One side changed just before the extension wrote it; it reads both sides again.',
    '書き込みの直前に片側が変わりました。両側をもう一度読み取ります。',
  ],
  [
    'error_ae_read_lag',
    'Account Engagement’s API still shows the value from before the write (its reads can lag by about a minute); the extension checks again.',
    'Account Engagement の API がまだ書き込み前の値を返しています（読み取りは 1 分ほど遅れることがあります）。もう一度確認します。',
  ],
  ['overlayOpenSettings', 'Open the extension’s settings', '拡張機能の設定を開く'],
  ['part_opted_out', 'the Opted Out value or control', '[Opted Out] の値または入力欄'],
  ['part_email', 'the Email value', 'メールの値'],
  ['part_edit', 'the Edit button', '「編集」ボタン'],
  [
    'part_section_toggle',
    'the Mailability (or Additional fields) section',
    'メール送信可否（または追加の項目）のセクション',
  ],
  ['part_save', 'the Save prospect button', '「プロスペクトを保存」ボタン'],
  [
    'overlayMissing',
    'Could not find on this Account Engagement page: $PARTS$.',
    'この Account Engagement の画面で見つからなかったもの: $PARTS$。',
  ],
  ['overlayCopyOutline', 'Copy page outline', '画面の構成をコピー'],
  [
    'overlayOutlineHelp',
    'The outline holds the page’s labels and structure, never its values, names or emails. Paste it into a bug report so the extension can learn this page.',
    '構成には画面のラベルと構造だけが含まれ、値・氏名・メールアドレスは含まれません。不具合報告に貼り付けてください。この画面に対応するために使います。',
  ],
  ['overlayOutlineCopied', 'Copied.', 'コピーしました。'],
  [
    'overlayPageOutdated',
    'This page was loaded before the extension changed Opted Out: reload it to see the values as they are now.',
    'この画面は拡張機能が [Opted Out] を変更する前に読み込まれたものです。現在の値を見るには再読み込みしてください。',
  ],
  ['overlayReload', 'Reload page', '画面を再読み込み'],
  ['optionsTitle', 'Opt-Out Sync Guard settings', 'Opt-Out Sync Guard の設定'],
  ['optionsCheckHeading', 'Before your first opt-in: check this org', '最初のオプトインの前に: この組織を確認'],
  [
    'optionsCheckHelp',
    'Name a Lead or Contact page, or a prospect page, and the extension goes through every step of an opt-in without saving anything: it reads the record, opens the prospect’s page in a background tab, opens its edit form, finds the Opted Out control and closes the form again.',
    'リードまたは取引先責任者の画面、あるいはプロスペクトの画面を指定すると、何も保存せずにオプトインの全手順を確認します。レコードを読み取り、プロスペクトの画面をバックグラウンドのタブで開き、編集画面を開いて [Opted Out] の入力欄を探し、保存せずに閉じます。',
  ],
  ['optionsCheckUrl', 'Page address', '画面のアドレス'],
  ['optionsCheckOpenTabs', 'or one of your open pages', 'または開いている画面から選択'],
  ['optionsCheckRun', 'Check', '確認'],
  [
    'optionsCheckRunning',
    'Checking… (a background tab opens and closes)',
    '確認しています…（バックグラウンドのタブが開いて閉じます）',
  ],
  ['optionsCheckCopy', 'Copy as text', 'テキストとしてコピー'],
  [
    'optionsCheckCopied',
    'Copied. It names no person, email or record.',
    'コピーしました。人名・メールアドレス・レコードは含まれません。',
  ],
  [
    'checkTitle',
    'Opt-Out Sync Guard: check of an org (no personal data)',
    'Opt-Out Sync Guard: 組織の確認結果（個人情報なし）',
  ],
  ['checkPassed', 'passed', '成功'],
  ['checkFailed', 'failed', '失敗'],
  ['checkNotApplicable', 'not applicable', '対象外'],
  [
    'check_salesforce_rest',
    'Salesforce REST with your browser session (or the OAuth connection)',
    'ブラウザーのセッション（または OAuth 接続）で Salesforce の REST API を使える',
  ],
  [
    'check_record',
    'The Lead or Contact can be read, and you may edit its Email Opt Out',
    'リードまたは取引先責任者を読み取れ、[メール送信除外] を編集できる',
  ],
  [
    'check_back_link',
    'The record’s Pardot URL points back to the prospect',
    'レコードの Pardot URL がプロスペクトを指している',
  ],
  [
    'check_ae_api',
    'The Account Engagement API takes your session or the OAuth connection (optional)',
    'Account Engagement の API がセッションまたは OAuth 接続を受け付ける（任意）',
  ],
  [
    'check_ae_api_fix',
    'Optional: without it, the extension reads and writes the Account Engagement side on the prospect page. To use the API, connect OAuth below.',
    '任意です。API を使わない場合、拡張機能はプロスペクトの画面で Account Engagement 側を読み書きします。API を使うには、下で OAuth 接続してください。',
  ],
  [
    'check_ae_page',
    'The prospect page opens at Account Engagement’s own host and can be read',
    'プロスペクトの画面が Account Engagement のホストで開き、読み取れる',
  ],
  [
    'check_ae_page_fix',
    'If you are in several business units, Account Engagement lets you in only through its app in Salesforce: see the next line.',
    '複数のビジネスユニットに属している場合、Account Engagement には Salesforce のアプリケーションからしか入れません。次の行を確認してください。',
  ],
  [
    'check_ae_app',
    '…or in the Account Engagement app in Salesforce (Lightning)',
    '…または Salesforce の Account Engagement アプリケーション（Lightning）で開ける',
  ],
  [
    'check_ae_form',
    'Its edit form opens and the Opted Out control is found (nothing is saved)',
    '編集画面が開き、[Opted Out] の入力欄が見つかる（何も保存しません）',
  ],
  [
    'check_connector_option',
    '“Overwrite Prospect Opted Out field” is known for this business unit',
    'このビジネスユニットの「[プロスペクトオプトアウト済み] 項目を上書き」が分かっている',
  ],
  [
    'check_connector_option_fix',
    'Open Account Engagement’s connector settings once (Admin > Connectors > Salesforce.com ⚙ > Edit; in the Account Engagement app if you use several business units), or set the option above.',
    'Account Engagement のコネクター設定（管理 > コネクター > Salesforce.com の ⚙ > 編集。複数のビジネスユニットを使う場合は Account Engagement アプリケーションで）を一度開くか、上で設定してください。',
  ],
  [
    'check_sync_behavior',
    'The Opted Out field’s sync behavior and mapping are known',
    'Opted Out 項目の同期動作と連携が分かっている',
  ],
  [
    'check_sync_behavior_fix',
    'Open the Opted Out field’s settings once (Account Engagement: Admin > Configure Fields > Prospect Fields > Opted Out), or set them above.',
    'Opted Out 項目の設定（Account Engagement: 管理 > 項目の設定 > プロスペクト項目 > Opted Out）を一度開くか、上で設定してください。',
  ],
  ['check_business_units', 'The business unit is known', 'ビジネスユニットが分かっている'],
  [
    'check_business_units_fix',
    'With several business units, open the prospect in the Account Engagement app with its unit chosen in the switcher, then check again.',
    '複数のビジネスユニットがある場合は、Account Engagement アプリケーションの切り替えで該当のユニットを選んでプロスペクトを開き、もう一度確認してください。',
  ],
  [
    'optionsIntro',
    'Account Engagement syncs a prospect’s Opted Out with the Lead or Contact field Email Opt Out. Unless the connector option “Overwrite Prospect Opted Out field” is on, unchecking one side is undone at the next sync.',
    'Account Engagement は、プロスペクトの [Opted Out] をリードまたは取引先責任者の [メール送信除外] 項目と同期します。コネクターの「[プロスペクトオプトアウト済み] 項目を上書き」がオンでない限り、片側だけチェックを外しても次の同期で元に戻ります。',
  ],
  ['optionsSettingsHeading', 'Connector settings per business unit', 'ビジネスユニットごとのコネクター設定'],
  ['optionsBusinessUnit', 'Business unit', 'ビジネスユニット'],
  ['optionsBusinessUnitUnknown', 'not known yet', '未取得'],
  ['optionsOverwrite', 'Overwrite Prospect Opted Out field', '[プロスペクトオプトアウト済み] 項目を上書き'],
  ['optionsOn', 'On', 'オン'],
  ['optionsOff', 'Off', 'オフ'],
  ['optionsUnknown', 'Unknown', '不明'],
  ['optionsBehavior', 'Opted Out sync behavior', 'Opted Out の同期動作'],
  ['optionsMapped', 'Opted Out mapped to HasOptedOutOfEmail', 'Opted Out と HasOptedOutOfEmail の連携'],
  ['optionsLearnedFrom', 'Learned from $SOURCE$ on $WHEN$', '$WHEN$ に $SOURCE$ から取得'],
  ['optionsSourceConnector', 'the connector settings page', 'コネクター設定画面'],
  ['optionsSourceField', 'the Opted Out field settings page', 'Opted Out 項目の設定画面'],
  ['optionsSourceManual', 'your own entry', '手動入力'],
  ['optionsNeverLearned', 'Not read yet.', 'まだ読み取っていません。'],
  ['optionsSave', 'Save', '保存'],
  ['optionsSaved', 'Saved.', '保存しました。'],
  ['optionsOpenConnector', 'Open the connector settings', 'コネクター設定を開く'],
  ['optionsOpenField', 'Open the Opted Out field settings', 'Opted Out 項目の設定を開く'],
  ['behaviorMostRecentRecord', 'Use the most recently updated record', '最後に更新されたレコードを使用'],
  ['behaviorAe', 'Use Account Engagement’s value', 'Account Engagement の値を使用'],
  ['behaviorSalesforce', 'Use Salesforce’s value', 'Salesforce の値を使用'],
  ['behaviorMostRecentField', 'Use the most recently updated field', '最後に更新された項目を使用'],
  [
    'optionsHowTo',
    'To turn the option on (from the seed’s steps): in Account Engagement open Admin > Connectors, click ⚙ next to Salesforce.com > Edit, and under “Customize connector settings” check “Overwrite Prospect Opted Out field”, then save the connector. Then open Admin > Configure Fields > Prospect Fields > Opted Out > Edit default prospect field, set “Salesforce.com field name” to HasOptedOutOfEmail and save.',
    '設定手順（元記事より）: Account Engagement の 管理 > コネクター で Salesforce.com の ⚙ > 編集 を開き、「コネクター設定をカスタマイズ」の「[プロスペクトオプトアウト済み] 項目を上書き」にチェックを入れてコネクターを保存します。次に 管理 > 設定項目 > プロスペクト項目 > Opted Out > デフォルトプロスペクト項目を編集 で「Salesforce.com 項目名」に HasOptedOutOfEmail を設定し、デフォルト項目を保存します。',
  ],
  [
    'optionsWhenNot',
    'Keep the option off where Opted Out is not mapped to Salesforce: the seed article warns that the option assumes that mapping.',
    '[Opted Out] を Salesforce と連携していない環境では、このオプションは必ずオフのままにしてください（元記事の注意事項）。',
  ],
  ['optionsTimingHeading', 'Sync timing', '同期のタイミング'],
  ['optionsSyncInterval', 'Connector sync interval (seconds)', 'コネクターの同期間隔（秒）'],
  ['optionsMargin', 'Extra wait after one interval (seconds)', '1 間隔の後の追加待機（秒）'],
  ['optionsPoll', 'Check for the sync every (seconds)', '同期の確認間隔（秒）'],
  ['optionsMaxAttempts', 'Attempts before giving up', '諦めるまでの試行回数'],
  ['optionsConfirmationExpiry', 'A confirmation expires after (minutes)', '確認の有効期限（分）'],
  ['optionsWritersHeading', 'How each side is written', '各側の書き込み方法'],
  [
    'optionsWriterSalesforce',
    'Salesforce: REST API with your browser session (no setup).',
    'Salesforce: ブラウザーのセッションで REST API を使用（設定不要）。',
  ],
  [
    'optionsWriterAePage',
    'Account Engagement: on the prospect page, as you would (Edit > Additional fields > Opted Out > Save prospect).',
    'Account Engagement: プロスペクト画面で手作業と同じ操作（編集 > 追加の項目 > Opted Out > プロスペクトを保存）。',
  ],
  [
    'optionsWriterAeApi',
    'Account Engagement: API v5 (this org accepts writing Opted Out).',
    'Account Engagement: API v5（この組織では Opted Out を書き込めます）。',
  ],
  ['optionsOauthHeading', 'Account Engagement API sign-in (optional)', 'Account Engagement API のサインイン（任意）'],
  [
    'optionsOauthHelp',
    'Create an external client app (or connected app) with PKCE required and no secret for the web server flow, the callback URL below and the scopes below. Then enter its consumer key.',
    'Web サーバーフローで PKCE 必須・シークレット不要の外部クライアントアプリケーション（または接続アプリケーション）を、以下のコールバック URL とスコープで作成し、コンシューマー鍵を入力してください。',
  ],
  ['optionsCallback', 'Callback URL', 'コールバック URL'],
  ['optionsScopes', 'Scopes', 'スコープ'],
  ['optionsClientId', 'Consumer key', 'コンシューマー鍵'],
  [
    'optionsLoginHost',
    'Login host (My Domain, login.salesforce.com or test.salesforce.com)',
    'ログインホスト（私のドメイン、login.salesforce.com または test.salesforce.com）',
  ],
  ['optionsConnect', 'Connect', '接続'],
  ['optionsDisconnect', 'Disconnect', '切断'],
  [
    'optionsConnected',
    'Connected: a refresh token is kept in this browser.',
    '接続済み: リフレッシュトークンをこのブラウザーに保存しています。',
  ],
  ['optionsNotConnected', 'Not connected.', '未接続。'],
  [
    'noticeMigrated',
    'Stored settings from an older version of the extension were upgraded on $WHEN$.',
    '$WHEN$ に、以前のバージョンの保存データを更新しました。',
  ],
  [
    'noticeReset',
    'Some stored data could not be read and was reset on $WHEN$ ($KEYS$). Please check your settings.',
    '$WHEN$ に、読み取れない保存データをリセットしました（$KEYS$）。設定を確認してください。',
  ],
  [
    'noticeAuditKept',
    '$COUNT$ audit log entries could not be read by this version. They are kept exactly as they were and included in the CSV export.',
    'このバージョンでは読み取れない監査ログが $COUNT$ 件ありました。そのまま保存しており、CSV の書き出しにも含めています。',
  ],
  ['optionsAuditHeading', 'Audit log', '監査ログ'],
  ['optionsAuditEmpty', 'No opt-ins yet.', 'まだ記録はありません。'],
  [
    'optionsAuditDropped',
    '$COUNT$ older entries were dropped to stay within the limit.',
    '上限を超えたため古い記録 $COUNT$ 件を削除しました。',
  ],
  ['optionsExportCsv', 'Export CSV', 'CSV をエクスポート'],
  ['auditWhen', 'When', '日時'],
  ['auditAdmin', 'Admin', '管理者'],
  ['auditProspect', 'Prospect', 'プロスペクト'],
  ['auditRecord', 'Salesforce record', 'Salesforce レコード'],
  ['auditReason', 'Reason', '理由'],
  ['auditOutcome', 'Outcome', '結果'],
  ['auditAttempts', 'Attempts', '試行'],
  ['outcomeDone', 'Done', '完了'],
  ['outcomeFailed', 'Failed', '失敗'],
  ['outcomeRunning', 'Running', '実行中'],
  ['outcomeRefused', 'Refused', '拒否'],
];

export function build(language) {
  const column = language === 'en' ? 1 : 2;
  const out = {};
  for (const row of MESSAGES) {
    const [key, english] = row;
    const names = [...new Set([...english.matchAll(/\$([A-Z]+)\$/g)].map((match) => match[1]))];
    const entry = { message: row[column] };
    if (names.length) {
      entry.placeholders = Object.fromEntries(names.map((name, i) => [name.toLowerCase(), { content: `$${i + 1}` }]));
    }
    out[key] = entry;
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}

export const localePath = (language) => new URL(`../public/_locales/${language}/messages.json`, import.meta.url);

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const language of ['en', 'ja']) writeFileSync(localePath(language), build(language));
  console.log('Wrote public/_locales/{en,ja}/messages.json');
}

export function differs(language) {
  return readFileSync(localePath(language), 'utf8') !== build(language);
}
