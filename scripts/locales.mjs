// Every word the extension shows, in English and Japanese side by side: the one source of
// public/_locales/{en,ja}/messages.json. `npm run locales` writes them; `npm test` fails when they
// differ from this table (test/unit/locales.test.ts). Placeholders are $NAME$, numbered in order of
// their first appearance in the English text.
import { readFileSync, writeFileSync } from 'node:fs';

/** [key, English, Japanese] */
export const MESSAGES = [
  ['extName', 'Opt-Out Sync Guard', 'オプトアウト同期ガード'],
  ['extShortName', 'Opt-Out Guard', 'オプトアウト同期ガード'],
  // The language each column is written in: the `lang` of the pages and the overlay, and how lists are joined.
  ['lang', 'en', 'ja'],
  [
    'extDescription',
    'Opt an Account Engagement (Pardot) prospect back in on both sides of the Salesforce sync, and see when the connector will undo an unchecked Opted Out.',
    'Account Engagement (Pardot) のプロスペクトを、Salesforce のリードや取引先責任者とそろえてオプトインに戻します。[Opted Out] のチェックを外してもコネクターの同期で戻ってしまう場合は、それを知らせます。',
  ],
  ['overlayTitle', 'Opt-Out Sync Guard', 'オプトアウト同期ガード'],
  ['overlayDismiss', 'Hide for this page', 'このページでは非表示'],
  ['overlayProspect', 'Prospect $ID$', 'プロスペクト $ID$'],
  ['overlayContact', 'Contact $ID$', '取引先責任者 $ID$'],
  ['overlayLead', 'Lead $ID$', 'リード $ID$'],
  ['overlayChecking', 'Checking…', '確認しています…'],
  ['sideAe', 'Account Engagement', 'Account Engagement'],
  ['sideSf', 'Salesforce', 'Salesforce'],
  ['fieldOptedOut', 'Opted Out', '[Opted Out]'],
  ['fieldEmailOptOut', 'Email Opt Out', 'Salesforce の [メール送信除外]'],
  ['fieldDoNotEmail', 'Do Not Email', '[Do Not Email]'],
  ['fieldHardBounced', 'Hard bounced', 'ハードバウンス'],
  ['fieldLastSync', 'Last sync', '最終同期'],
  ['valueYes', 'Yes', 'オン'],
  ['valueNo', 'No', 'オフ'],
  ['valueUnknown', 'not read', '未確認'],
  [
    'aeNotRead',
    'The Account Engagement side is not read yet: open the prospect in Account Engagement, or connect the AE API in the settings.',
    'Account Engagement 側はまだ読み取っていません。Account Engagement でプロスペクトを開くか、設定で AE API に接続してください。',
  ],
  [
    'stateOptionOff',
    'The connector option “Overwrite Prospect Opted Out field” is off for this business unit. If you uncheck only one side, the next sync (about every 2 minutes) checks it again.',
    'このビジネスユニットでは「[プロスペクトオプトアウト済み] 項目を上書き」がオフです。片方だけチェックを外しても、次の同期（約 2 分ごと）で元に戻ります。',
  ],
  [
    'stateOptionUnknown',
    'It is not known whether “Overwrite Prospect Opted Out field” is on for this business unit. Open the connector settings once (Account Engagement: Admin > Connectors > Salesforce.com ⚙ > Edit), or set it in the extension’s settings. Until then it is treated as off.',
    '「[プロスペクトオプトアウト済み] 項目を上書き」が未確認のため、オフとして扱います。Account Engagement 設定 > コネクター > [設定を編集] を一度開くと確認できます。',
  ],
  [
    'stateOptionOnEither',
    '“Overwrite Prospect Opted Out field” is on: unchecking either side is enough; the sync carries it over.',
    '「[プロスペクトオプトアウト済み] 項目を上書き」がオンです。片方のチェックを外せば、同期でもう片方にも反映されます。',
  ],
  [
    'stateOptionOnAe',
    '“Overwrite Prospect Opted Out field” is on and the sync uses Account Engagement’s value: uncheck Opted Out in Account Engagement.',
    '「[プロスペクトオプトアウト済み] 項目を上書き」がオンで、同期動作は「Account Engagement の値を使用する」です。Account Engagement で [Opted Out] のチェックを外してください。',
  ],
  [
    'stateOptionOnSf',
    '“Overwrite Prospect Opted Out field” is on and the sync uses Salesforce’s value: uncheck Email Opt Out in Salesforce.',
    '「[プロスペクトオプトアウト済み] 項目を上書き」がオンで、同期動作は「Salesforce の値を使用する」です。Salesforce の [メール送信除外] のチェックを外してください。',
  ],
  [
    'stateOptionOnSafe',
    '“Overwrite Prospect Opted Out field” is on, but the Opted Out field’s sync behavior is not known: uncheck both sides to be safe.',
    '「[プロスペクトオプトアウト済み] 項目を上書き」はオンですが、[Opted Out] の同期動作が未確認です。念のため両方のチェックを外してください。',
  ],
  [
    'stateNotSynced',
    'Opted Out is not mapped to the Salesforce field Email Opt Out: the two sides are separate and the sync changes neither.',
    '[Opted Out] は Salesforce の [メール送信除外] と連携していません。2 つは別々の項目で、同期ではどちらも変わりません。',
  ],
  [
    'linkNotLinkedProspect',
    'This prospect is not linked to a Salesforce Lead or Contact: there is no sync to fight. Uncheck Opted Out in Account Engagement directly.',
    'このプロスペクトは Salesforce のリードや取引先責任者と連携していません。同期で戻ることはないので、Account Engagement で直接 [Opted Out] のチェックを外してください。',
  ],
  [
    'linkNotLinkedRecord',
    'This record is not linked to an Account Engagement prospect (its Pardot URL is empty, and no prospect with its email points back to it).',
    'このレコードは Account Engagement のプロスペクトと連携していません（Pardot URL が空で、同じメールアドレスのプロスペクトもこのレコードを指していません）。',
  ],
  [
    'linkSeveral',
    'Several prospects share this email address. Open the prospect you mean in Account Engagement and start from there.',
    'このメールアドレスのプロスペクトが複数あります。対象のプロスペクトを Account Engagement で開き、そこから操作してください。',
  ],
  [
    'linkMismatch',
    'The prospect and the Salesforce record do not point to each other, so nothing will be written. Check how the connector matched them.',
    'プロスペクトと Salesforce のレコードが互いを指していないため、どちらのレコードも変更しません。コネクターの照合を確認してください。',
  ],
  [
    'linkBackLinkUnreadable',
    'This record’s Pardot URL (pi__url__c) does not read as a link to a prospect, so the extension cannot tell from here which prospect it syncs with. Open the prospect in Account Engagement and start there.',
    'このレコードの Pardot URL（pi__url__c）をプロスペクトへのリンクとして読み取れないため、同期先のプロスペクトを特定できません。Account Engagement でプロスペクトを開き、そこから操作してください。',
  ],
  ['optedInBoth', 'Opted in on both sides.', '両方ともオプトイン済みです。'],
  [
    'unmailableDoNotEmail',
    'Do Not Email is checked: even opted in, this prospect gets no marketing email. Unchecking Opted Out does not change Do Not Email.',
    '[Do Not Email]（Account Engagement の画面では「メール送信除外」）がオンです。オプトインに戻してもマーケティングメールは届きません。[Opted Out] のチェックを外しても [Do Not Email] は変わりません。',
  ],
  [
    'unmailableHardBounced',
    'This address hard bounced: Account Engagement will not send to it until the address is corrected. Unchecking Opted Out does not change that.',
    'このアドレスはハードバウンスしています。アドレスが修正されるまで Account Engagement は送信しません。[Opted Out] のチェックを外しても変わりません。',
  ],
  ['buttonOptIn', 'Opt back in on both sides', '両方でオプトインに戻す'],
  ['confirmTitle', 'Opt $EMAIL$ back in?', '$EMAIL$ をオプトインに戻しますか？'],
  [
    'confirmBody',
    'The extension unchecks Opted Out in Account Engagement and Email Opt Out in Salesforce together, waits for the sync, checks both, and retries if needed. No other field is changed. Do this only when the person has asked to receive email again.',
    'Account Engagement の [Opted Out] と Salesforce の [メール送信除外] のチェックを同時に外し、同期を待って両方を確認します。必要なら再試行します。他の項目は変更しません。本人からメール受信の再開を依頼された場合にだけ実行してください。',
  ],
  ['confirmReason', 'Reason (kept in the audit log)', '理由（監査ログに残ります）'],
  [
    'confirmReasonHint',
    'At least 3 characters, e.g. “asked by email on 28 Nov”.',
    '3 文字以上。例: 「11/28 にメールで依頼あり」',
  ],
  [
    'confirmRecordTask',
    'Record this opt-in in Salesforce as a completed Task',
    'このオプトインを Salesforce に完了済みの ToDo として記録する',
  ],
  [
    'confirmRecordTaskFirst',
    'Asked once: a completed Task on the Lead/Contact keeps the reason, who confirmed, when, and both sides before and after, where colleagues and auditors see it. Written only when the opt-in is done; no field is changed by it. Your choice is remembered (the options page changes it).',
    '最初の一度だけ確認します。リードまたは取引先責任者に完了済みの ToDo を作成し、理由、確認者、日時、両方の変更前と変更後を、同僚や監査担当者も見られる場所に残します。オプトインが完了したときだけ作成し、項目は変更しません。選択は記憶されます（オプションページで変更できます）。',
  ],
  [
    'confirmRecordTaskHint',
    'Remembered from your last opt-in; written only when the opt-in is done.',
    '前回のオプトインでの選択です。オプトインが完了したときだけ作成します。',
  ],
  // The evidence Task written in Salesforce (subject and description, in the admin's language).
  [
    'taskSubject',
    'Opt-Out Sync Guard: opted $EMAIL$ back in',
    'オプトアウト同期ガード：$EMAIL$ をオプトインに戻しました',
  ],
  ['taskReason', 'Reason: $REASON$', '理由: $REASON$'],
  ['taskConfirmedBy', 'Confirmed by $ADMIN$ at $WHEN$', '確認者: $ADMIN$（$WHEN$）'],
  [
    'taskAeSide',
    'Account Engagement Opted Out (prospect $ID$): $BEFORE$ before, $AFTER$ after',
    'Account Engagement の [Opted Out]（プロスペクト $ID$）: 変更前 $BEFORE$、変更後 $AFTER$',
  ],
  [
    'taskSalesforceSide',
    'Salesforce Email Opt Out: $BEFORE$ before, $AFTER$ after',
    'Salesforce の [メール送信除外]: 変更前 $BEFORE$、変更後 $AFTER$',
  ],
  ['taskValueOn', 'checked', 'オン'],
  ['taskValueOff', 'unchecked', 'オフ'],
  ['taskValueUnknown', 'not read', '未確認'],
  [
    'taskOutcomeDone',
    'Outcome: both sides verified opted in after the sync at $AT$ ($ATTEMPTS$ attempt(s)).',
    '結果: $AT$ の同期後に両方ともオプトインであることを確認済みです（試行 $ATTEMPTS$ 回）。',
  ],
  [
    'taskOutcomeFailed',
    'Outcome: not finished (last check $AT$, $ATTEMPTS$ attempt(s)).',
    '結果: 完了していません（最終確認 $AT$、試行 $ATTEMPTS$ 回）。',
  ],
  ['taskJob', 'Job $ID$ (Opt-Out Sync Guard audit log)', 'ジョブ $ID$（オプトアウト同期ガードの監査ログ）'],
  ['buttonConfirm', 'Uncheck both sides', '両方のチェックを外す'],
  ['buttonCancel', 'Cancel', 'キャンセル'],
  ['buttonOptInAgain', 'Show the confirmation window', '確認ウィンドウを表示'],
  [
    'overlayConfirmInWindow',
    'Decide in the Opt-Out Sync Guard window that opened: it shows both records as just read.',
    '開いたオプトアウト同期ガードのウィンドウで判断してください。両方のレコードを今読み取った値で表示しています。',
  ],
  ['confirmWindowTitle', 'Opt back in · Opt-Out Sync Guard', 'オプトインに戻す · オプトアウト同期ガード'],
  ['confirmReading', 'Reading both records…', '両方のレコードを読み取っています…'],
  [
    'confirmReadAt',
    'Read at $TIME$. Decide before $EXPIRES$.',
    '$TIME$ に読み取りました。$EXPIRES$ までに確定してください。',
  ],
  [
    'confirmExpired',
    'This confirmation expired: read both records again before you decide.',
    'この確認は期限切れです。両方のレコードをもう一度読み取ってから判断してください。',
  ],
  ['buttonReadAgain', 'Read again', 'もう一度読み取る'],
  [
    'confirmStarted',
    'Started. The panel on the page shows the progress; this window closes.',
    '開始しました。進行状況はページのパネルに表示されます。このウィンドウは閉じます。',
  ],
  ['buttonClose', 'Close', '閉じる'],
  ['confirmOrg', 'Org: $HOST$', '組織: $HOST$'],
  ['confirmUnit', 'Business unit: $NAME$', 'ビジネスユニット: $NAME$'],
  [
    'confirmNothingToDo',
    'Both sides are already opted in: there is nothing to confirm.',
    '両方ともすでにオプトイン済みです。確定する操作はありません。',
  ],
  // How each side got opted out (the confirmation window), and earlier opt-ins from their Tasks.
  ['historyHeading', 'How each side got opted out', 'それぞれがオプトアウトされた経緯'],
  ['historyAeHeading', 'Account Engagement: opt-out activities', 'Account Engagement: オプトアウトのアクティビティ'],
  [
    'historyAeNotRead',
    'Not read: the prospect was read by API, which does not list its activities.',
    '読み取っていません。プロスペクトを API で読み取ったため、アクティビティは含まれていません。',
  ],
  [
    'historyAeNoList',
    'The prospect page shows no activity list, so how Opted Out was checked could not be read.',
    'プロスペクトのページにアクティビティの一覧がないため、[Opted Out] がオンになった経緯を読み取れませんでした。',
  ],
  [
    'historyAeNone',
    'No opt-out activity in the list: an import, an automation rule, a user or the sync may have checked it.',
    '一覧にオプトアウトのアクティビティはありません。インポート、自動化ルール、ユーザー、または同期によってオンになった可能性があります。',
  ],
  ['historyTimeUnknown', 'time unknown', '日時不明'],
  ['historySalesforceHeading', 'Salesforce: Email Opt Out field history', 'Salesforce の [メール送信除外] の項目履歴'],
  [
    'historyNotTracked',
    'No history rows: Field History Tracking is off for Email Opt Out, or it has not changed since tracking began.',
    '履歴がありません。Salesforce の [メール送信除外] の項目履歴管理がオフか、履歴管理を始めてから変更されていません。',
  ],
  ['historyUnreadable', 'The field history could not be read.', '項目履歴を読み取れませんでした。'],
  ['historyCheckedBy', '$WHEN$: checked by $WHO$', '$WHEN$: $WHO$ がオンにしました'],
  ['historyUncheckedBy', '$WHEN$: unchecked by $WHO$', '$WHEN$: $WHO$ がオフにしました'],
  ['historyConnector', "$NAME$ (the connector's sync)", '$NAME$（コネクターの同期）'],
  ['restorationsHeading', 'Earlier opt-ins recorded in Salesforce', 'Salesforce に記録された過去のオプトイン'],
  ['restorationBy', '$WHEN$ by $WHO$', '$WHEN$、$WHO$'],
  [
    'restorationsUnreadable',
    'Earlier opt-ins recorded as Tasks could not be read.',
    'ToDo として記録された過去のオプトインを読み取れませんでした。',
  ],
  ['jobPreflight', 'Checking both records…', '両方のレコードを確認しています…'],
  ['jobWriting', 'Unchecking both sides…', '両方のチェックを外しています…'],
  [
    'jobWaiting',
    'Waiting for the connector sync (at most $SECONDS$ s more)…',
    'コネクターの同期を待っています（最大あと $SECONDS$ 秒）…',
  ],
  ['jobVerifying', 'Checking both sides after the sync…', '同期後に両方を確認しています…'],
  ['jobAttempt', 'Attempt $N$ of $MAX$', '$MAX$ 回中 $N$ 回目'],
  [
    'jobDone',
    'Opted back in on both sides, verified after the sync.',
    '両方でオプトインに戻しました（同期後に確認済み）。',
  ],
  ['jobFailed', 'Not done: $REASON$', '完了しませんでした: $REASON$'],
  [
    'jobWritten',
    'Written before it stopped: $SIDES$. The next sync settles the pair; this panel shows what it became.',
    '停止前に変更した側: $SIDES$。次の同期で両方の値がそろいます。結果はこのパネルに表示されます。',
  ],
  ['jobNothingWritten', 'Nothing was written.', 'どちらのレコードも変更していません。'],
  ['notifyDoneTitle', 'Opted back in', 'オプトインに戻しました'],
  [
    'notifyDone',
    '$EMAIL$ (prospect $ID$) is opted back in on both sides.',
    '$EMAIL$（プロスペクト $ID$）を両方でオプトインに戻しました。',
  ],
  ['notifyFailedTitle', 'Opt-in did not finish', 'オプトインが完了しませんでした'],
  [
    'notifyFailed',
    'Opting $EMAIL$ (prospect $ID$) back in did not finish. Open the prospect to see why.',
    '$EMAIL$（プロスペクト $ID$）のオプトインが完了しませんでした。理由はプロスペクトを開いて確認してください。',
  ],
  // After a done job, a side checked again within two syncs: who or what did it (src/core/undone.ts).
  ['undoneTitle', 'An opt-in was undone', 'オプトインが元に戻されました'],
  [
    'undoneByPerson',
    '$EMAIL$ opted out again ($WHAT$). That is the person’s wish: the extension respects it and changed nothing.',
    '$EMAIL$ が再びオプトアウトしました（$WHAT$）。本人の意思のため、拡張機能はこれを尊重し、これ以上の変更はしていません。',
  ],
  [
    'undoneByUser',
    '$WHO$ checked Salesforce’s Email Opt Out for $EMAIL$ again: a user, or another integration writing the field. The extension changed nothing; ask them, or see the audit log.',
    '$WHO$ が $EMAIL$ の Salesforce の [メール送信除外] を再びオンにしました（ユーザー、またはこの項目を書き込む別の連携です）。拡張機能はこれ以上の変更はしていません。本人に確認するか、監査ログを参照してください。',
  ],
  [
    'undoneByConnector',
    'The connector’s sync ($WHO$) checked $EMAIL$ again: a checked side was carried over, under another sync behaviour or from a change in Account Engagement (an import or an automation rule). The extension changed nothing.',
    'コネクターの同期（$WHO$）によって $EMAIL$ が再びオンになりました。別の同期動作、または Account Engagement 側の変更（インポートや自動化ルール）により、オンの値が反映されました。拡張機能はこれ以上の変更はしていません。',
  ],
  [
    'undoneUnknown',
    '$EMAIL$ was opted out again; who did it could not be read (no activity, no field history). The extension changed nothing.',
    '$EMAIL$ が再びオプトアウトされました。誰が変更したかは読み取れませんでした（アクティビティも項目履歴もありません）。拡張機能はこれ以上の変更はしていません。',
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
    'この要求を処理できませんでした。どちらのレコードも変更していません。ページを再読み込みしてもう一度お試しください。',
  ],
  [
    'error_wrong_sender',
    'This request did not come from the page it names, so the extension ignored it. Nothing was changed.',
    'この要求は、要求に書かれたページから送られていないため無視しました。どちらのレコードも変更していません。',
  ],
  [
    'error_internal',
    'Something went wrong inside the extension. Nothing was changed. Reload the page and try again.',
    '拡張機能の内部でエラーが発生しました。どちらのレコードも変更していません。ページを再読み込みしてもう一度お試しください。',
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
    'この組織では、承認されたアプリケーションしか Salesforce の API を使えません（API アクセス制御）。拡張機能の設定で、管理者が承認した接続アプリケーションを使って OAuth で接続してください。その接続で Salesforce と Account Engagement の両方を使えます。',
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
    '権限（項目レベルセキュリティ、または AE API の制限）によりこの項目を変更できません。他の項目は変更していません。',
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
    'ビジネスユニットを特定できません。拡張機能の設定で選択してください。',
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
    '必要な項目やボタンが Account Engagement のページに見つかりませんでした。どちらのレコードも変更していません。',
  ],
  [
    'error_save_not_confirmed',
    'Account Engagement did not confirm the save: Opted Out still shows as checked.',
    'Account Engagement で保存を確認できませんでした。[Opted Out] はまだオンのままです。',
  ],
  [
    'error_signed_out_of_ae',
    'You are signed out of Account Engagement. Sign in again, then retry.',
    'Account Engagement からログアウトしています。もう一度ログインしてから再試行してください。',
  ],
  [
    'error_ae_page_unavailable',
    'The Account Engagement prospect page could not be opened or did not answer in time.',
    'Account Engagement のプロスペクトページを開けないか、時間内に応答がありませんでした。',
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
    'プロスペクトとレコードが確認時の内容と一致しません。どちらのレコードも変更していません。',
  ],
  [
    'error_back_link_unreadable',
    'This record’s Pardot URL does not read as a link to a prospect. Start from the prospect in Account Engagement. Nothing was written.',
    'このレコードの Pardot URL をプロスペクトへのリンクとして読み取れません。Account Engagement のプロスペクトから操作してください。どちらのレコードも変更していません。',
  ],
  [
    'error_not_opted_out',
    'Neither side is opted out: there is nothing to do. Nothing was written.',
    'どちらもオプトアウトされていないため、操作は不要です。どちらのレコードも変更していません。',
  ],
  [
    'error_reverted',
    'The sync checked the box again every time. Check the connector settings, then retry.',
    '同期のたびにチェックが戻りました。コネクター設定を確認して再試行してください。',
  ],
  [
    'error_confirmation_expired',
    'This confirmation expired or was already used. Open it again from the panel on the page; nothing was written.',
    'この確認は期限切れか、すでに使用済みです。ページのパネルからもう一度開いてください。どちらのレコードも変更していません。',
  ],
  [
    'error_not_confirmed',
    'The extension stopped before it could confirm a write; the check after the sync shows what landed.',
    '変更の完了を確認する前に拡張機能が停止しました。どちらが変更されたかは、同期後の確認で分かります。',
  ],
  [
    'error_expired',
    'Your confirmation expired before the opt-in could finish, so nothing more was written. Check the pair as it is now and confirm again if it still applies.',
    '確認の有効期限が切れたため、オプトインを完了できませんでした。これ以上の変更はしていません。現在の状態を確認し、まだ必要であればもう一度確定してください。',
  ],
  [
    'error_opted_out_again',
    'The person may have opted out again after your confirmation (a newer opt-out, or one the extension could not rule out), so nothing more was written. The audit log says what it saw.',
    '確認の後に本人が再びオプトアウトした可能性があります（より新しいオプトアウト、または否定できなかったもの）。そのため、これ以上の変更はしていません。確認した内容は監査ログに残っています。',
  ],
  [
    'error_org_unknown',
    'Which Salesforce org this is could not be told: sign in to exactly one org, or open the record from Salesforce.',
    'どの Salesforce 組織か判別できません。1 つの組織だけにログインするか、Salesforce のレコードから操作してください。',
  ],
  [
    'error_oauth_failed',
    'Signing in to Salesforce for the AE API did not complete. Check the consumer key and login host, then connect again.',
    'AE API 用の Salesforce へのログインが完了しませんでした。コンシューマー鍵とログインホストを確認し、もう一度接続してください。',
  ],
  [
    'error_oauth_not_configured',
    'Enter the consumer key of your connected app first.',
    '先に接続アプリケーションのコンシューマー鍵を入力してください。',
  ],
  [
    'error_storage_unavailable',
    "Chrome could not read the extension's stored data, so nothing was started and nothing was changed. Close and reopen Chrome, then try again.",
    'Chrome が拡張機能の保存データを読み取れなかったため、処理を開始していません。どちらのレコードも変更していません。Chrome を開き直してから、もう一度お試しください。',
  ],
  [
    'error_opted_out_not_editable',
    'Your Account Engagement role cannot change Opted Out: it lacks the “Update Opted Out Field” ability (on for the Administrator role by default). Nothing was written on either side. Ask an Account Engagement admin to add the ability to your role (Account Engagement Settings > User Management > Roles), or to opt the prospect in.',
    'ロールに「Update Opted Out Field」権限がないため、[Opted Out] を変更できません。この権限の追加を Account Engagement の管理者に依頼してください。',
  ],
  [
    'error_ae_form_open',
    'This prospect’s edit form is open with unsaved changes in another tab. Save or cancel it first: saving it later would check Opted Out again. Nothing was written.',
    'このプロスペクトの編集画面が、未保存の変更があるまま別のタブで開いています。先に保存かキャンセルをしてください（後から保存すると [Opted Out] が再びオンになります）。どちらのレコードも変更していません。',
  ],
  [
    'error_pair_changed',
    'One side changed just before the extension wrote it; it reads both sides again.',
    '変更の直前に片方の値が変わりました。両方をもう一度読み取ります。',
  ],
  [
    'error_ae_read_lag',
    'Account Engagement’s API still shows the value from before the write (its reads can lag by about a minute); the extension checks again.',
    'Account Engagement の API がまだ変更前の値を返しています（読み取りは 1 分ほど遅れることがあります）。もう一度確認します。',
  ],
  ['overlayOpenSettings', 'Open the extension’s settings', '拡張機能の設定を開く'],
  ['part_opted_out', 'the Opted Out value or control', '[Opted Out] の値または入力欄'],
  ['part_email', 'the Email value', 'メールアドレス'],
  ['part_edit', 'the Edit button', '「編集」ボタン'],
  [
    'part_section_toggle',
    'the Mailability (or Additional fields) section',
    'メール送信可否（Mailability）または [追加の項目] のセクション',
  ],
  ['part_save', 'the Save prospect button', '「プロスペクトを保存」ボタン'],
  [
    'overlayMissing',
    'Could not find on this Account Engagement page: $PARTS$.',
    'この Account Engagement のページで見つからなかったもの: $PARTS$。',
  ],
  ['overlayCopyOutline', 'Copy page outline', 'ページの構成をコピー'],
  [
    'overlayOutlineHelp',
    'The outline holds the page’s labels and structure, never its values, names or emails. Paste it into a bug report so the extension can learn this page.',
    '構成にはページのラベルと構造だけが含まれ、値・氏名・メールアドレスは含まれません。不具合報告に貼り付けていただくと、このページに対応できます。',
  ],
  ['overlayOutlineCopied', 'Copied.', 'コピーしました。'],
  [
    'overlayPageOutdated',
    'This page was loaded before the extension changed Opted Out: reload it to see the values as they are now.',
    'このページは拡張機能が [Opted Out] を変更する前に読み込まれたものです。現在の値を見るには、ページを再読み込みしてください。',
  ],
  ['overlayReload', 'Reload page', 'ページを再読み込み'],
  ['optionsTitle', 'Opt-Out Sync Guard settings', 'オプトアウト同期ガードの設定'],
  ['optionsCheckHeading', 'Before your first opt-in: check this org', '最初のオプトインの前に: この組織を確認'],
  [
    'optionsCheckHelp',
    'Name a Lead or Contact page, or a prospect page, and the extension goes through every step of an opt-in without saving anything: it reads the record, opens the prospect’s page in a background tab, opens its edit form, finds the Opted Out control and closes the form again.',
    'リードか取引先責任者のページ、またはプロスペクトのページを指定すると、何も保存せずにオプトインの全手順を確認します。レコードを読み取り、プロスペクトのページをバックグラウンドのタブで開き、編集画面で [Opted Out] の入力欄を探して、保存せずに閉じます。',
  ],
  ['optionsCheckUrl', 'Page address', 'ページのアドレス'],
  ['optionsCheckOpenTabs', 'or one of your open pages', 'または開いているページから選択'],
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
    'オプトアウト同期ガード: 組織の確認結果（個人情報なし）',
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
    'リードまたは取引先責任者を読み取れ、Salesforce の [メール送信除外] を編集できる',
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
    '任意です。API を使わない場合は、プロスペクトのページで Account Engagement 側を読み書きします。API を使うには、下で OAuth 接続してください。',
  ],
  [
    'check_ae_page',
    'The prospect page opens at Account Engagement’s own host and can be read',
    'プロスペクトのページが Account Engagement のホストで開き、読み取れる',
  ],
  [
    'check_ae_page_fix',
    'If you are in several business units, Account Engagement lets you in only through its app in Salesforce: see the next line.',
    '複数のビジネスユニットに属している場合、Account Engagement には Salesforce の Account Engagement アプリケーションからしかログインできません。次の行を確認してください。',
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
    'このビジネスユニットの「[プロスペクトオプトアウト済み] 項目を上書き」が確認済み',
  ],
  [
    'check_connector_option_fix',
    'Open Account Engagement’s connector settings once (Admin > Connectors > Salesforce.com ⚙ > Edit; in the Account Engagement app if you use several business units), or set the option above.',
    'Account Engagement アプリケーションで Account Engagement 設定 > コネクター > [設定を編集] を一度開くか、上で設定してください。',
  ],
  [
    'check_sync_behavior',
    'The Opted Out field’s sync behavior and mapping are known',
    '[Opted Out] の同期動作と連携が確認済み',
  ],
  [
    'check_sync_behavior_fix',
    'Open the Opted Out field’s settings once (Account Engagement: Admin > Configure Fields > Prospect Fields > Opted Out), or set them above.',
    'Account Engagement 設定の [プロスペクト項目] で [Opted Out] を一度開くか、上で設定してください。',
  ],
  ['check_business_units', 'The business unit is known', 'ビジネスユニットが確認済み'],
  [
    'check_business_units_fix',
    'With several business units, open the prospect in the Account Engagement app with its unit chosen in the switcher, then check again.',
    '複数のビジネスユニットがある場合は、Account Engagement アプリケーションの切り替えで該当のビジネスユニットを選んでプロスペクトを開き、もう一度確認してください。',
  ],
  [
    'check_history_tracked',
    'Email Opt Out’s field history is tracked',
    'Salesforce の [メール送信除外] の項目履歴を管理しています',
  ],
  [
    'check_history_tracked_fix',
    'Turn on Field History Tracking for Email Opt Out (Setup > Object Manager > Lead and Contact > Fields & Relationships > Set History Tracking). Without it nobody can tell who checked the field, and the sync behaviour “Use the most recently updated field” cannot work.',
    'Salesforce の [メール送信除外] の項目履歴管理をオンにしてください（設定 > オブジェクトマネージャー > リードと取引先責任者 > 項目とリレーション > 項目履歴管理の設定）。オフのままでは誰がオンにしたか分からず、同期動作「最近更新した項目値を使用する」も機能しません。',
  ],
  [
    'check_other_writers',
    'At most one user besides the connector changed Email Opt Out in the last 30 days',
    '過去 30 日間に Salesforce の [メール送信除外] を変更したコネクター以外のユーザーは 1 人以下です',
  ],
  [
    'check_other_writers_fix',
    'Several users other than the connector’s changed Email Opt Out in the last 30 days: another email tool, an integration or an automation may write the field too, and can undo an opt-in. Look at the field history (who, when) and ask its owner.',
    '過去 30 日間に、コネクター以外の複数のユーザーが Salesforce の [メール送信除外] を変更しています。別のメール配信ツール、連携、または自動化もこの項目を書き込み、オプトインを元に戻す可能性があります。項目履歴（誰が、いつ）を確認し、その担当者に確認してください。',
  ],
  [
    'optionsIntro',
    'Account Engagement syncs a prospect’s Opted Out with the Lead or Contact field Email Opt Out. Unless the connector option “Overwrite Prospect Opted Out field” is on, unchecking one side is undone at the next sync.',
    'Account Engagement は、プロスペクトの [Opted Out] を Salesforce の [メール送信除外]（リードと取引先責任者の項目）と同期します。コネクターの「[プロスペクトオプトアウト済み] 項目を上書き」がオンでない限り、片方だけチェックを外しても次の同期で元に戻ります。',
  ],
  ['optionsSettingsHeading', 'Connector settings per business unit', 'ビジネスユニットごとのコネクター設定'],
  ['optionsBusinessUnit', 'Business unit', 'ビジネスユニット'],
  ['optionsBusinessUnitUnknown', 'not known yet', '未確認'],
  ['optionsOverwrite', 'Overwrite Prospect Opted Out field', '[プロスペクトオプトアウト済み] 項目を上書き'],
  ['optionsOn', 'On', 'オン'],
  ['optionsOff', 'Off', 'オフ'],
  ['optionsUnknown', 'Unknown', '未確認'],
  ['optionsBehavior', 'Opted Out sync behavior', '[Opted Out] の同期動作'],
  ['optionsMapped', 'Opted Out mapped to HasOptedOutOfEmail', '[Opted Out] と HasOptedOutOfEmail の連携'],
  ['optionsLearnedFrom', 'Learned from $SOURCE$ on $WHEN$', '$WHEN$ に $SOURCE$ から取得'],
  ['optionsSourceConnector', 'the connector settings page', 'コネクター設定ページ'],
  ['optionsSourceField', 'the Opted Out field settings page', '[Opted Out] 項目の設定ページ'],
  ['optionsSourceManual', 'your own entry', '手動入力'],
  ['optionsNeverLearned', 'Not read yet.', 'まだ読み取っていません。'],
  ['optionsSave', 'Save', '保存'],
  ['optionsSaved', 'Saved.', '保存しました。'],
  ['optionsOpenConnector', 'Open the connector settings', 'コネクター設定を開く'],
  ['optionsOpenField', 'Open the Opted Out field settings', '[Opted Out] 項目の設定を開く'],
  ['behaviorMostRecentRecord', 'Use the most recently updated record', '最近更新したレコード値を使用する'],
  ['behaviorAe', 'Use Account Engagement’s value', 'Account Engagement の値を使用する'],
  ['behaviorSalesforce', 'Use Salesforce’s value', 'Salesforce の値を使用する'],
  ['behaviorMostRecentField', 'Use the most recently updated field', '最近更新した項目値を使用する'],
  [
    'optionsHowTo',
    'To turn the option on: in Account Engagement open Admin > Connectors, click ⚙ next to Salesforce.com > Edit, and under “Customize connector settings” check “Overwrite Prospect Opted Out field”, then save the connector. Then open Admin > Configure Fields > Prospect Fields > Opted Out > Edit default prospect field, set “Salesforce.com field name” to HasOptedOutOfEmail and save.',
    '設定手順: Account Engagement 設定 > コネクター で Salesforce コネクターの ⚙ > [設定を編集] を開き、「[プロスペクトオプトアウト済み] 項目を上書き」にチェックを入れて保存します。次に Account Engagement 設定の [プロスペクト項目] で [Opted Out] を編集し、[Salesforce.com 項目名] に HasOptedOutOfEmail を設定して保存します。',
  ],
  [
    'optionsWhenNot',
    'Keep the option off where Opted Out is not mapped to Salesforce: the option assumes that mapping (toBe Marketing’s article on the option warns about this too).',
    '[Opted Out] を Salesforce と連携していない環境では、このオプションを必ずオフのままにしてください。このオプションは連携を前提としています（toBe マーケティングの解説記事でも注意されています）。',
  ],
  ['optionsTimingHeading', 'Sync timing', '同期のタイミング'],
  ['optionsSyncInterval', 'Connector sync interval (seconds)', 'コネクターの同期間隔（秒）'],
  ['optionsMargin', 'Extra wait after one interval (seconds)', '同期間隔に加える待機時間（秒）'],
  ['optionsPoll', 'Check for the sync every (seconds)', '同期の確認間隔（秒）'],
  ['optionsMaxAttempts', 'Attempts before giving up', '最大試行回数'],
  ['optionsConfirmationExpiry', 'A confirmation expires after (minutes)', '確認の有効期限（分）'],
  [
    'optionsRecordTask',
    'Record each done opt-in in Salesforce as a completed Task on the Lead/Contact',
    '完了したオプトインを、リードまたは取引先責任者に完了済みの ToDo として Salesforce に記録する',
  ],
  ['optionsWritersHeading', 'How each side is written', 'それぞれの書き込み方法'],
  [
    'optionsWriterSalesforce',
    'Salesforce: REST API with your browser session (no setup).',
    'Salesforce: ブラウザーのセッションで REST API を使用（設定不要）。',
  ],
  [
    'optionsWriterAePage',
    'Account Engagement: on the prospect page, as you would (Edit > Additional fields > Opted Out > Save prospect).',
    'Account Engagement: プロスペクトのページで手作業と同じ操作（編集 > 追加の項目 > [Opted Out] > プロスペクトを保存）。',
  ],
  [
    'optionsWriterAeApi',
    'Account Engagement: API v5 (this org accepts writing Opted Out).',
    'Account Engagement: API v5（この組織では API で [Opted Out] を変更できます）。',
  ],
  ['optionsOauthHeading', 'Account Engagement API sign-in (optional)', 'Account Engagement API へのログイン（任意）'],
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
    '接続済み: 更新トークンをこのブラウザーに保存しています。',
  ],
  ['optionsNotConnected', 'Not connected.', '未接続です。'],
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
