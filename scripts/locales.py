# Writes public/_locales/{en,ja}/messages.json from one table, so every key exists in both
# languages and placeholders ($NAME$, in order of appearance) are declared the same way.
# Run: python3 scripts/locales.py
import json, re, os

M = {}
def m(key, en, ja): M[key] = (en, ja)

m('extName', 'Opt-Out Sync Guard', 'Opt-Out Sync Guard（オプトアウト同期ガード）')
m('extShortName', 'Opt-Out Guard', 'オプトアウト同期ガード')
m('extDescription', 'Opt an Account Engagement (Pardot) prospect back in on both sides of the Salesforce sync, and see when the connector will undo an unchecked Opted Out.',
  'Account Engagement (Pardot) のプロスペクトを、Salesforce との同期の両側でオプトインに戻します。[プロスペクトオプトアウト済み] のチェックを外しても、コネクターの同期で元に戻ってしまう場合に知らせます。')
m('overlayTitle', 'Opt-Out Sync Guard', 'オプトアウト同期ガード')
m('overlayDismiss', 'Hide for this page', 'このページでは非表示')
m('overlayProspect', 'Prospect $ID$', 'プロスペクト $ID$')
m('overlayContact', 'Contact $ID$', '取引先責任者 $ID$')
m('overlayLead', 'Lead $ID$', 'リード $ID$')
m('overlayChecking', 'Checking…', '確認しています…')
m('sideAe', 'Account Engagement', 'Account Engagement')
m('sideSf', 'Salesforce', 'Salesforce')
m('fieldOptedOut', 'Opted Out', 'プロスペクトオプトアウト済み')
m('fieldEmailOptOut', 'Email Opt Out', 'メール送信除外')
m('fieldDoNotEmail', 'Do Not Email', 'メール送信除外（AE）')
m('fieldHardBounced', 'Hard bounced', 'ハードバウンス')
m('fieldLastSync', 'Last sync', '最終同期')
m('valueYes', 'Yes', 'はい')
m('valueNo', 'No', 'いいえ')
m('valueUnknown', 'not read', '未取得')
m('aeNotRead', 'The Account Engagement side is not read yet: open the prospect in Account Engagement, or connect the AE API in the settings.',
  'Account Engagement 側はまだ読み取っていません。Account Engagement でプロスペクトを開くか、設定で AE API に接続してください。')
m('stateOptionOff', 'The connector option “Overwrite Prospect Opted Out field” is off for this business unit. If you uncheck only one side, the next sync (about every 2 minutes) checks it again.',
  'このビジネスユニットではコネクターの「[プロスペクトオプトアウト済み] 項目を上書き」がオフです。片側だけチェックを外しても、次の同期（約 2 分ごと）でチェックが戻ります。')
m('stateOptionUnknown', 'It is not known whether “Overwrite Prospect Opted Out field” is on for this business unit. Open the connector settings once (Account Engagement: Admin > Connectors > Salesforce.com ⚙ > Edit), or set it in the extension’s settings. Until then it is treated as off.',
  'このビジネスユニットで「[プロスペクトオプトアウト済み] 項目を上書き」がオンかどうか分かりません。コネクター設定（Account Engagement: 管理 > コネクター > Salesforce.com の ⚙ > 編集）を一度開くか、拡張機能の設定で指定してください。それまではオフとして扱います。')
m('stateOptionOnEither', '“Overwrite Prospect Opted Out field” is on: unchecking either side is enough; the sync carries it over.',
  '「[プロスペクトオプトアウト済み] 項目を上書き」はオンです。どちらか片側のチェックを外せば、同期でもう片側にも反映されます。')
m('stateOptionOnAe', '“Overwrite Prospect Opted Out field” is on and the sync uses Account Engagement’s value: uncheck Opted Out in Account Engagement.',
  '「[プロスペクトオプトアウト済み] 項目を上書き」はオンで、同期は Account Engagement の値を使用します。Account Engagement で [Opted Out] のチェックを外してください。')
m('stateOptionOnSf', '“Overwrite Prospect Opted Out field” is on and the sync uses Salesforce’s value: uncheck Email Opt Out in Salesforce.',
  '「[プロスペクトオプトアウト済み] 項目を上書き」はオンで、同期は Salesforce の値を使用します。Salesforce で [メール送信除外] のチェックを外してください。')
m('stateOptionOnSafe', '“Overwrite Prospect Opted Out field” is on, but the Opted Out field’s sync behavior is not known: uncheck both sides to be safe.',
  '「[プロスペクトオプトアウト済み] 項目を上書き」はオンですが、Opted Out 項目の同期動作が分かりません。安全のため両側のチェックを外してください。')
m('stateNotSynced', 'Opted Out is not mapped to the Salesforce field Email Opt Out: the two sides are separate and the sync changes neither.',
  '[Opted Out] は Salesforce の [メール送信除外] 項目と連携していません。両側は別々で、同期ではどちらも変わりません。')
m('linkNotLinkedProspect', 'This prospect is not linked to a Salesforce Lead or Contact: there is no sync to fight. Uncheck Opted Out in Account Engagement directly.',
  'このプロスペクトは Salesforce のリードや取引先責任者と連携していません。同期で戻ることはないので、Account Engagement で直接 [Opted Out] のチェックを外してください。')
m('linkNotLinkedRecord', 'This record is not linked to an Account Engagement prospect (its Pardot URL is empty, and no prospect with its email points back to it).',
  'このレコードは Account Engagement のプロスペクトと連携していません（Pardot URL が空で、同じメールのプロスペクトもこのレコードを指していません）。')
m('linkSeveral', 'Several prospects share this email address. Open the prospect you mean in Account Engagement and start from there.',
  'このメールアドレスのプロスペクトが複数あります。対象のプロスペクトを Account Engagement で開き、そこから操作してください。')
m('linkMismatch', 'The prospect and the Salesforce record do not point to each other, so nothing will be written. Check how the connector matched them.',
  'プロスペクトと Salesforce のレコードが互いを指していないため、何も書き込みません。コネクターの照合を確認してください。')
m('optedInBoth', 'Opted in on both sides.', '両側ともオプトイン済みです。')
m('unmailableDoNotEmail', 'Do Not Email is checked: even opted in, this prospect gets no marketing email. Unchecking Opted Out does not change Do Not Email.',
  '[メール送信除外] がオンです。オプトインに戻してもマーケティングメールは届きません。[Opted Out] のチェックを外しても [メール送信除外] は変わりません。')
m('unmailableHardBounced', 'This address hard bounced: Account Engagement will not send to it until the address is corrected. Unchecking Opted Out does not change that.',
  'このアドレスはハードバウンスしています。アドレスが修正されるまで Account Engagement は送信しません。[Opted Out] のチェックを外しても変わりません。')
m('buttonOptIn', 'Opt back in on both sides', '両側でオプトインに戻す')
m('confirmTitle', 'Opt $EMAIL$ back in?', '$EMAIL$ をオプトインに戻しますか?')
m('confirmBody', 'The extension unchecks Opted Out in Account Engagement and Email Opt Out in Salesforce together, waits for the sync, checks both, and retries if needed. No other field is changed. Do this only when the person has asked to receive email again.',
  'Account Engagement の [Opted Out] と Salesforce の [メール送信除外] のチェックを同時に外し、同期を待って両側を確認し、必要なら再試行します。他の項目は変更しません。本人がメール受信を再び希望した場合にだけ実行してください。')
m('confirmReason', 'Reason (kept in the audit log)', '理由（監査ログに残ります）')
m('confirmReasonHint', 'At least 3 characters, e.g. “asked by email on 28 Nov”.', '3 文字以上。例: 「11/28 にメールで依頼あり」')
m('buttonConfirm', 'Uncheck both sides', '両側のチェックを外す')
m('buttonCancel', 'Cancel', 'キャンセル')
m('jobPreflight', 'Checking both records…', '両方のレコードを確認しています…')
m('jobWriting', 'Unchecking both sides…', '両側のチェックを外しています…')
m('jobWaiting', 'Waiting for the connector sync (at most $SECONDS$ s more)…', 'コネクターの同期を待っています（最大あと $SECONDS$ 秒）…')
m('jobVerifying', 'Checking both sides after the sync…', '同期後の両側を確認しています…')
m('jobAttempt', 'Attempt $N$ of $MAX$', '$MAX$ 回中 $N$ 回目')
m('jobDone', 'Opted back in on both sides, verified after the sync.', '両側でオプトインに戻しました（同期後に確認済み）。')
m('jobFailed', 'Not done: $REASON$', '完了しませんでした: $REASON$')
m('jobWritten', 'Written before it stopped: $SIDES$. The next sync settles the pair; this panel shows what it became.', '停止前に書き込んだ側: $SIDES$。次の同期で両側がそろいます。結果はこのパネルに表示されます。')
m('jobNothingWritten', 'Nothing was written.', '何も書き込んでいません。')
m('notifyDoneTitle', 'Opted back in', 'オプトインに戻しました')
m('notifyDone', '$EMAIL$ (prospect $ID$) is opted back in on both sides.', '$EMAIL$（プロスペクト $ID$）を両側でオプトインに戻しました。')
m('notifyFailedTitle', 'Opt-in did not finish', 'オプトインが完了しませんでした')
m('notifyFailed', 'Opting $EMAIL$ (prospect $ID$) back in did not finish. Open the prospect to see why.', '$EMAIL$（プロスペクト $ID$）のオプトインが完了しませんでした。理由はプロスペクトを開いて確認してください。')
m('popupRecognised', 'This page is recognised.', 'このページを認識しました。')
m('popupNotRecognised', 'Open an Account Engagement prospect, or a Salesforce Lead or Contact, to use the extension.', 'Account Engagement のプロスペクト、または Salesforce のリードか取引先責任者を開くと使えます。')
m('popupOpenOptions', 'Settings and audit log', '設定と監査ログ')

E = {
 'bad-request': ('The extension could not understand this request. Reload the page and try again. Nothing was changed.', 'この要求を理解できませんでした。ページを再読み込みしてもう一度お試しください。何も変更していません。'),
 'wrong-sender': ('This request did not come from the page it names, so the extension ignored it. Nothing was changed.', 'この要求は、要求に書かれたページから送られていないため無視しました。何も変更していません。'),
 'internal': ('Something went wrong inside the extension. Nothing was changed. Reload the page and try again.', '拡張機能の内部でエラーが発生しました。何も変更していません。ページを再読み込みしてもう一度お試しください。'),
 'extension-reloaded': ('The extension was updated or reloaded. Reload this page to use it again.', '拡張機能が更新または再読み込みされました。このページを再読み込みしてください。'),
 'session-expired': ('Your Salesforce session has expired or is not accepted. Log in to Salesforce again (or reconnect in the settings), then retry.', 'Salesforce のセッションが切れたか、受け付けられませんでした。Salesforce に再ログイン（または設定で再接続）してから再試行してください。'),
 'api-disabled': ('API access is not enabled for your Salesforce user. Ask an administrator for the “API Enabled” permission.', 'この Salesforce ユーザーでは API が使えません。「API の有効化」権限を管理者に依頼してください。'),
 'no-access': ('You do not have access to this record. Ask an administrator for edit access.', 'このレコードへのアクセス権がありません。管理者に編集権限を依頼してください。'),
 'field-not-writable': ('The field cannot be written with your access (field-level security, or the AE API refuses it). Nothing else was changed.', '権限（項目レベルセキュリティ、または AE API の制限）によりこの項目を書き込めません。他は何も変更していません。'),
 'record-deleted': ('The record has been deleted.', 'レコードは削除されています。'),
 'record-not-found': ('The record was not found. It may have been merged or you may not see it.', 'レコードが見つかりません。マージされたか、参照権限がない可能性があります。'),
 'business-unit-wrong': ('Account Engagement did not accept the business unit (or this is the wrong AE host). Check the business unit in the settings.', 'Account Engagement がビジネスユニットを受け付けませんでした（または AE のホストが違います）。設定でビジネスユニットを確認してください。'),
 'business-unit-unknown': ('The business unit is not known. Choose it in the extension’s settings.', 'ビジネスユニットが分かりません。拡張機能の設定で選択してください。'),
 'rate-limited': ('Account Engagement or Salesforce asked to slow down. The extension will try again shortly.', 'Account Engagement または Salesforce から要求を減らすよう求められました。少し後に再試行します。'),
 'daily-limit': ('The daily API limit is reached. Try again tomorrow, or ask an administrator about the limit.', '1 日の API 上限に達しました。明日再試行するか、管理者に上限について相談してください。'),
 'network': ('The network did not answer. Check your connection; the extension retries on its own.', 'ネットワークが応答しません。接続を確認してください。拡張機能は自動で再試行します。'),
 'server-error': ('The server answered with an error. The extension retries on its own.', 'サーバーがエラーを返しました。拡張機能は自動で再試行します。'),
 'control-not-found': ('The Edit, Additional fields, Opted Out or Save prospect control was not found on the Account Engagement page. Nothing was written.', 'Account Engagement の画面で「編集」「追加の項目」「Opted Out」「プロスペクトを保存」が見つかりませんでした。何も書き込んでいません。'),
 'save-not-confirmed': ('Account Engagement did not confirm the save: Opted Out still shows as checked.', 'Account Engagement で保存を確認できませんでした。[Opted Out] はまだオンのままです。'),
 'signed-out-of-ae': ('You are signed out of Account Engagement. Sign in again, then retry.', 'Account Engagement からサインアウトしています。再度サインインしてから再試行してください。'),
 'ae-page-unavailable': ('The Account Engagement prospect page could not be opened or did not answer in time.', 'Account Engagement のプロスペクト画面を開けないか、時間内に応答がありませんでした。'),
 'not-linked': ('The prospect and a Salesforce record are not linked, so there is no sync to coordinate.', 'プロスペクトと Salesforce のレコードが連携していないため、同期を調整する必要はありません。'),
 'several-prospects': ('Several prospects share this email address. Start from the prospect in Account Engagement.', 'このメールアドレスのプロスペクトが複数あります。Account Engagement のプロスペクトから操作してください。'),
 'link-mismatch': ('The prospect and the record no longer match what you confirmed. Nothing was written.', 'プロスペクトとレコードが確認時の内容と一致しません。何も書き込んでいません。'),
 'not-opted-out': ('Neither side is opted out: there is nothing to do. Nothing was written.', 'どちらの側もオプトアウトされていないため、何もする必要はありません。何も書き込んでいません。'),
 'reverted': ('The sync checked the box again every time. Check the connector settings, then retry.', '同期のたびにチェックが戻りました。コネクター設定を確認して再試行してください。'),
 'not-confirmed': ('The extension stopped before it could confirm a write; the check after the sync shows what landed.', '書き込みの完了を確認する前に拡張機能が停止しました。同期後の確認で結果が分かります。'),
 'org-unknown': ('Which Salesforce org this is could not be told: sign in to exactly one org, or open the record from Salesforce.', 'どの Salesforce 組織か判別できません。1 つの組織だけにログインするか、Salesforce のレコードから操作してください。'),
 'oauth-failed': ('Signing in to Salesforce for the AE API did not complete. Check the consumer key and login host, then connect again.', 'AE API 用の Salesforce へのサインインが完了しませんでした。コンシューマー鍵とログインホストを確認し、もう一度接続してください。'),
 'oauth-not-configured': ('Enter the consumer key of your connected app first.', '先に接続アプリケーションのコンシューマー鍵を入力してください。'),
}
for code,(en,ja) in E.items(): m('error_' + code.replace('-', '_'), en, ja)

# Options page
m('optionsTitle', 'Opt-Out Sync Guard settings', 'Opt-Out Sync Guard の設定')
m('optionsIntro', 'Account Engagement syncs a prospect’s Opted Out with the Lead or Contact field Email Opt Out. Unless the connector option “Overwrite Prospect Opted Out field” is on, unchecking one side is undone at the next sync.',
  'Account Engagement は、プロスペクトの [Opted Out] をリードまたは取引先責任者の [メール送信除外] 項目と同期します。コネクターの「[プロスペクトオプトアウト済み] 項目を上書き」がオンでない限り、片側だけチェックを外しても次の同期で元に戻ります。')
m('optionsSettingsHeading', 'Connector settings per business unit', 'ビジネスユニットごとのコネクター設定')
m('optionsBusinessUnit', 'Business unit', 'ビジネスユニット')
m('optionsBusinessUnitUnknown', 'not known yet', '未取得')
m('optionsOverwrite', 'Overwrite Prospect Opted Out field', '[プロスペクトオプトアウト済み] 項目を上書き')
m('optionsOn', 'On', 'オン')
m('optionsOff', 'Off', 'オフ')
m('optionsUnknown', 'Unknown', '不明')
m('optionsBehavior', 'Opted Out sync behavior', 'Opted Out の同期動作')
m('optionsMapped', 'Opted Out mapped to HasOptedOutOfEmail', 'Opted Out と HasOptedOutOfEmail の連携')
m('optionsLearnedFrom', 'Learned from $SOURCE$ on $WHEN$', '$WHEN$ に $SOURCE$ から取得')
m('optionsSourceConnector', 'the connector settings page', 'コネクター設定画面')
m('optionsSourceField', 'the Opted Out field settings page', 'Opted Out 項目の設定画面')
m('optionsSourceManual', 'your own entry', '手動入力')
m('optionsNeverLearned', 'Not read yet.', 'まだ読み取っていません。')
m('optionsSave', 'Save', '保存')
m('optionsSaved', 'Saved.', '保存しました。')
m('optionsOpenConnector', 'Open the connector settings', 'コネクター設定を開く')
m('optionsOpenField', 'Open the Opted Out field settings', 'Opted Out 項目の設定を開く')
m('behaviorMostRecentRecord', 'Use the most recently updated record', '最後に更新されたレコードを使用')
m('behaviorAccountEngagement', 'Use Account Engagement’s value', 'Account Engagement の値を使用')
m('behaviorSalesforce', 'Use Salesforce’s value', 'Salesforce の値を使用')
m('behaviorMostRecentField', 'Use the most recently updated field', '最後に更新された項目を使用')
m('optionsHowTo', 'To turn the option on (from the seed’s steps): in Account Engagement open Admin > Connectors, click ⚙ next to Salesforce.com > Edit, and under “Customize connector settings” check “Overwrite Prospect Opted Out field”, then save the connector. Then open Admin > Configure Fields > Prospect Fields > Opted Out > Edit default prospect field, set “Salesforce.com field name” to HasOptedOutOfEmail and save.',
  '設定手順（元記事より）: Account Engagement の 管理 > コネクター で Salesforce.com の ⚙ > 編集 を開き、「コネクター設定をカスタマイズ」の「[プロスペクトオプトアウト済み] 項目を上書き」にチェックを入れてコネクターを保存します。次に 管理 > 設定項目 > プロスペクト項目 > Opted Out > デフォルトプロスペクト項目を編集 で「Salesforce.com 項目名」に HasOptedOutOfEmail を設定し、デフォルト項目を保存します。')
m('optionsWhenNot', 'Keep the option off where Opted Out is not mapped to Salesforce: the seed article warns that the option assumes that mapping.',
  '[Opted Out] を Salesforce と連携していない環境では、このオプションは必ずオフのままにしてください（元記事の注意事項）。')
m('optionsTimingHeading', 'Sync timing', '同期のタイミング')
m('optionsSyncInterval', 'Connector sync interval (seconds)', 'コネクターの同期間隔（秒）')
m('optionsMargin', 'Extra wait after one interval (seconds)', '1 間隔の後の追加待機（秒）')
m('optionsPoll', 'Check for the sync every (seconds)', '同期の確認間隔（秒）')
m('optionsMaxAttempts', 'Attempts before giving up', '諦めるまでの試行回数')
m('optionsWritersHeading', 'How each side is written', '各側の書き込み方法')
m('optionsWriterSalesforce', 'Salesforce: REST API with your browser session (no setup).', 'Salesforce: ブラウザーのセッションで REST API を使用（設定不要）。')
m('optionsWriterAePage', 'Account Engagement: on the prospect page, as you would (Edit > Additional fields > Opted Out > Save prospect).', 'Account Engagement: プロスペクト画面で手作業と同じ操作（編集 > 追加の項目 > Opted Out > プロスペクトを保存）。')
m('optionsWriterAeApi', 'Account Engagement: API v5 (this org accepts writing Opted Out).', 'Account Engagement: API v5（この組織では Opted Out を書き込めます）。')
m('optionsOauthHeading', 'Account Engagement API sign-in (optional)', 'Account Engagement API のサインイン（任意）')
m('optionsOauthHelp', 'Create an external client app (or connected app) with PKCE required and no secret for the web server flow, the callback URL below and the scopes below. Then enter its consumer key.',
  'Web サーバーフローで PKCE 必須・シークレット不要の外部クライアントアプリケーション（または接続アプリケーション）を、以下のコールバック URL とスコープで作成し、コンシューマー鍵を入力してください。')
m('optionsCallback', 'Callback URL', 'コールバック URL')
m('optionsScopes', 'Scopes', 'スコープ')
m('optionsClientId', 'Consumer key', 'コンシューマー鍵')
m('optionsLoginHost', 'Login host (My Domain, login.salesforce.com or test.salesforce.com)', 'ログインホスト（私のドメイン、login.salesforce.com または test.salesforce.com）')
m('optionsConnect', 'Connect', '接続')
m('optionsDisconnect', 'Disconnect', '切断')
m('optionsConnected', 'Connected: a refresh token is kept in this browser.', '接続済み: リフレッシュトークンをこのブラウザーに保存しています。')
m('optionsNotConnected', 'Not connected.', '未接続。')
m('noticeMigrated', 'Stored settings from an older version of the extension were upgraded on $WHEN$.', '$WHEN$ に、以前のバージョンの保存データを更新しました。')
m('noticeReset', 'Some stored data could not be read and was reset on $WHEN$ ($KEYS$). Please check your settings.', '$WHEN$ に、読み取れない保存データをリセットしました（$KEYS$）。設定を確認してください。')
m('optionsAuditHeading', 'Audit log', '監査ログ')
m('optionsAuditEmpty', 'No opt-ins yet.', 'まだ記録はありません。')
m('optionsAuditDropped', '$COUNT$ older entries were dropped to stay within the limit.', '上限を超えたため古い記録 $COUNT$ 件を削除しました。')
m('optionsExportCsv', 'Export CSV', 'CSV をエクスポート')
m('auditWhen', 'When', '日時')
m('auditAdmin', 'Admin', '管理者')
m('auditProspect', 'Prospect', 'プロスペクト')
m('auditRecord', 'Salesforce record', 'Salesforce レコード')
m('auditReason', 'Reason', '理由')
m('auditOutcome', 'Outcome', '結果')
m('auditAttempts', 'Attempts', '試行')
m('outcomeDone', 'Done', '完了')
m('outcomeFailed', 'Failed', '失敗')
m('outcomeRunning', 'Running', '実行中')
m('outcomeRefused', 'Refused', '拒否')

def build(idx):
    out = {}
    for key, texts in M.items():
        text = texts[idx]
        names = []
        for name in re.findall(r'\$([A-Z]+)\$', texts[0]):
            if name not in names: names.append(name)
        entry = {'message': text}
        if names:
            entry['placeholders'] = {n.lower(): {'content': f'${i+1}'} for i, n in enumerate(names)}
        out[key] = entry
    return out

root = os.path.join(os.path.dirname(__file__), '..', 'public', '_locales')
for idx, loc in enumerate(['en', 'ja']):
    with open(os.path.join(root, loc, 'messages.json'), 'w') as f:
        json.dump(build(idx), f, ensure_ascii=False, indent=2)
        f.write('\n')
