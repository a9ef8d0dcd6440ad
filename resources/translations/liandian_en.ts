<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ActivitiesBrowser</name>
    <message>
        <source>活动</source>
        <comment>noun</comment>
        <translation>activity</translation>
    </message>
    <message>
        <source>活动与走访</source>
        <translation>Activities &amp; visits</translation>
    </message>
    <message>
        <source>服务活动、走访与会议；选中一项活动后，在右侧录入纸质签到表。</source>
        <translation>Service activities, visits and meetings. Select one to key in its paper sign-in sheet on the right.</translation>
    </message>
    <message>
        <source>搜索名称、编号、地点、组织单位</source>
        <translation>Search title, code, place, organiser</translation>
    </message>
    <message>
        <source>开始时间</source>
        <translation>Starts</translation>
    </message>
    <message>
        <source>活动名称</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>村（社区）</source>
        <translation>Community</translation>
    </message>
    <message>
        <source>全乡镇</source>
        <translation>Whole township</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>全部村（社区）</source>
        <translation>All communities</translation>
    </message>
    <message>
        <source>（全乡镇）</source>
        <translation>(whole township)</translation>
    </message>
    <message>
        <source>结束时间</source>
        <translation>Ends</translation>
    </message>
    <message>
        <source>联点单位</source>
        <translation>Paired unit</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>组织单位</source>
        <translation>Organiser</translation>
    </message>
    <message>
        <source>负责人</source>
        <translation>Person in charge</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>录入签到</source>
        <translation>Key in sign-in</translation>
    </message>
    <message>
        <source>把光标移到签到表</source>
        <translation>Move the cursor to the sign-in sheet</translation>
    </message>
</context>
<context>
    <name>ActivityKind</name>
    <message>
        <source>服务活动</source>
        <translation>Service activity</translation>
    </message>
    <message>
        <source>走访</source>
        <translation>Visit</translation>
    </message>
    <message>
        <source>居民会议</source>
        <translation>Residents&apos; meeting</translation>
    </message>
    <message>
        <source>供需对接会</source>
        <translation>Supply–demand meeting</translation>
    </message>
    <message>
        <source>志愿服务</source>
        <translation>Volunteer service</translation>
    </message>
    <message>
        <source>培训</source>
        <translation>Training</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>联点共建桌面端</source>
        <translation>LianDian Desktop</translation>
    </message>
    <message>
        <source>无法打开台账</source>
        <translation>Cannot open the ledger</translation>
    </message>
    <message>
        <source>无法打开台账文件 {path}：{why}</source>
        <translation>Cannot open the ledger file {path}: {why}</translation>
    </message>
</context>
<context>
    <name>AppContext</name>
    <message>
        <source>台账中尚未建立乡镇（街道），请先建立或同步区划</source>
        <translation>This ledger has no township yet; create one or sync the county&apos;s divisions first</translation>
    </message>
</context>
<context>
    <name>AttendanceStatus</name>
    <message>
        <source>已邀请</source>
        <translation>Invited</translation>
    </message>
    <message>
        <source>已签到</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>缺席</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>现场加入</source>
        <translation>Walk-in</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>关闭提示</source>
        <translation>Close this message</translation>
    </message>
</context>
<context>
    <name>BookingKind</name>
    <message>
        <source>预约使用</source>
        <translation>Booking</translation>
    </message>
    <message>
        <source>借用</source>
        <translation>Loan</translation>
    </message>
</context>
<context>
    <name>BookingStatus</name>
    <message>
        <source>已预约</source>
        <translation>Booked</translation>
    </message>
    <message>
        <source>借出中</source>
        <translation>On loan</translation>
    </message>
    <message>
        <source>已归还</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
</context>
<context>
    <name>BookingsBrowser</name>
    <message>
        <source>预约</source>
        <comment>noun</comment>
        <translation>booking</translation>
    </message>
    <message>
        <source>搜索借用人、用途</source>
        <translation>Search borrower, purpose</translation>
    </message>
    <message>
        <source>“{who}”对“{offer}”的{kind}</source>
        <translation>{kind} of “{offer}” by “{who}”</translation>
    </message>
    <message>
        <source>资源</source>
        <translation>Resource</translation>
    </message>
    <message>
        <source>借用人（单位）</source>
        <translation>Borrower</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Qty</translation>
    </message>
    <message>
        <source>开始</source>
        <translation>Starts</translation>
    </message>
    <message>
        <source>结束 / 应还</source>
        <translation>Ends / due</translation>
    </message>
    <message>
        <source>归还时间</source>
        <translation>Returned at</translation>
    </message>
    <message>
        <source>用途</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>预约和借用</source>
        <translation>Bookings and loans</translation>
    </message>
    <message>
        <source>全部资源</source>
        <translation>All resources</translation>
    </message>
    <message>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <source>借用：物品带走，到期归还；预约使用：在原地使用</source>
        <translation>Loan: taken away and returned by the due time. Booking: used on site.</translation>
    </message>
    <message>
        <source>开始时间</source>
        <translation>Starts</translation>
    </message>
    <message>
        <source>结束（应还）时间</source>
        <translation>Ends (due back)</translation>
    </message>
    <message>
        <source>用于村（社区）</source>
        <translation>For community</translation>
    </message>
    <message>
        <source>（不限）</source>
        <translation>(any)</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>借出</source>
        <translation>Lend</translation>
    </message>
    <message>
        <source>归还</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>取消预约</source>
        <translation>Cancel booking</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>补录时取消勾选并填写实际时间</source>
        <translation>When keying in later, untick and enter the actual time</translation>
    </message>
    <message>
        <source>借出：{what}</source>
        <translation>Lend: {what}</translation>
    </message>
    <message>
        <source>归还：{what}</source>
        <translation>Return: {what}</translation>
    </message>
    <message>
        <source>已取消预约</source>
        <translation>Booking cancelled</translation>
    </message>
</context>
<context>
    <name>CadreDayKind</name>
    <message>
        <source>全天</source>
        <translation>Full day</translation>
    </message>
    <message>
        <source>半天</source>
        <translation>Half day</translation>
    </message>
</context>
<context>
    <name>CadreKind</name>
    <message>
        <source>专职联点干部</source>
        <translation>Full-time cadre</translation>
    </message>
    <message>
        <source>兼职顾问</source>
        <translation>Part-time advisor</translation>
    </message>
</context>
<context>
    <name>CadresBrowser</name>
    <message>
        <source>干部</source>
        <comment>noun</comment>
        <translation>cadre</translation>
    </message>
    <message>
        <source>搜索姓名、电话、职务</source>
        <translation>Search name, phone, position</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>所属单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>联系村（社区）</source>
        <translation>Community served</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>任职起</source>
        <translation>In post from</translation>
    </message>
    <message>
        <source>任职止</source>
        <translation>In post until</translation>
    </message>
    <message>
        <source>干部和顾问</source>
        <translation>Cadres and advisors</translation>
    </message>
    <message>
        <source>全部单位</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>全部村（社区）</source>
        <translation>All communities</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>专职联点干部必须选择</source>
        <translation>Required for a full-time cadre</translation>
    </message>
    <message>
        <source>兼职顾问必须选择</source>
        <translation>Required for an advisor</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>（按身份证号）</source>
        <translation>(from the ID number)</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
</context>
<context>
    <name>CertificateDialog</name>
    <message>
        <source>志愿服务记录证明</source>
        <translation>Volunteer Service Certificate</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>志愿者编号</source>
        <translation>Volunteer no.</translation>
    </message>
    <message>
        <source>证件</source>
        <translation>ID document</translation>
    </message>
    <message>
        <source>注册日期</source>
        <translation>Registered on</translation>
    </message>
    <message>
        <source>所在村（社区）</source>
        <translation>Community</translation>
    </message>
    <message>
        <source>服务期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>累计服务时长</source>
        <translation>Total service hours</translation>
    </message>
    <message>
        <source>{h} 小时（{n} 次）</source>
        <translation>{h} hours ({n} services)</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>活动名称</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>时长</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>组织单位</source>
        <translation>Organiser</translation>
    </message>
</context>
<context>
    <name>CommunitiesBrowser</name>
    <message>
        <source>村（社区）</source>
        <comment>noun</comment>
        <translation>community</translation>
    </message>
    <message>
        <source>搜索名称、代码、地址、书记</source>
        <translation>Search name, code, address, secretary</translation>
    </message>
    <message>
        <source>区划代码</source>
        <translation>Division code</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>重点社区</source>
        <translation>Key community</translation>
    </message>
    <message>
        <source>人口</source>
        <translation>Population</translation>
    </message>
    <message>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>书记</source>
        <translation>Secretary</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>村和社区</source>
        <translation>Villages and communities</translation>
    </message>
    <message>
        <source>重点与一般</source>
        <translation>Key and other</translation>
    </message>
    <message>
        <source>一般社区</source>
        <translation>Other communities</translation>
    </message>
    <message>
        <source>12 位统计用区划代码</source>
        <translation>12-digit statistical division code</translation>
    </message>
    <message>
        <source>前 9 位须与本乡镇（街道）一致</source>
        <translation>The first 9 digits must be the township&apos;s</translation>
    </message>
    <message>
        <source>重点社区需要至少 {n} 个结对单位</source>
        <translation>A key community needs at least {n} paired units</translation>
    </message>
    <message>
        <source>书记姓名</source>
        <translation>Secretary</translation>
    </message>
    <message>
        <source>书记电话</source>
        <translation>Secretary&apos;s phone</translation>
    </message>
</context>
<context>
    <name>CommunityKind</name>
    <message>
        <source>村</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>社区</source>
        <translation>Community</translation>
    </message>
</context>
<context>
    <name>DemandSource</name>
    <message>
        <source>社区提出</source>
        <translation>Raised by the community</translation>
    </message>
    <message>
        <source>居民点单</source>
        <translation>Requested by a resident</translation>
    </message>
</context>
<context>
    <name>DemandStatus</name>
    <message>
        <source>待对接</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>已对接</source>
        <translation>Matched</translation>
    </message>
    <message>
        <source>已转工单</source>
        <translation>Turned into an order</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>EvaluationSource</name>
    <message>
        <source>纸质测评表</source>
        <translation>Paper form</translation>
    </message>
    <message>
        <source>电话回访</source>
        <translation>Phone call</translation>
    </message>
    <message>
        <source>当面评价</source>
        <translation>In person</translation>
    </message>
    <message>
        <source>第三方测评</source>
        <translation>Third party</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>{d} 天 {h} 小时</source>
        <translation>{d} d {h} h</translation>
    </message>
    <message>
        <source>{h} 小时 {m} 分</source>
        <translation>{h} h {m} min</translation>
    </message>
    <message>
        <source>{m} 分钟</source>
        <translation>{m} min</translation>
    </message>
    <message>
        <source>剩余 {span}</source>
        <translation>{span} left</translation>
    </message>
    <message>
        <source>超时 {span}</source>
        <translation>Overdue by {span}</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>Forms</name>
    <message>
        <source>年-月-日，可不填</source>
        <translation>YYYY-MM-DD, optional</translation>
    </message>
    <message>
        <source>按当前时间</source>
        <translation>Now</translation>
    </message>
    <message>
        <source>不填</source>
        <translation>Not set</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请选择{label}</source>
        <translation>Choose: {label}</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>Frequency</name>
    <message>
        <source>每天</source>
        <translation>Daily</translation>
    </message>
    <message>
        <source>每上学日</source>
        <translation>Every school day</translation>
    </message>
    <message>
        <source>每周</source>
        <translation>Weekly</translation>
    </message>
    <message>
        <source>每月</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <source>每季度</source>
        <translation>Quarterly</translation>
    </message>
    <message>
        <source>每年</source>
        <translation>Yearly</translation>
    </message>
    <message>
        <source>按需</source>
        <translation>On demand</translation>
    </message>
</context>
<context>
    <name>FundKind</name>
    <message>
        <source>拨付</source>
        <translation>Allocation</translation>
    </message>
    <message>
        <source>支出</source>
        <translation>Expense</translation>
    </message>
</context>
<context>
    <name>Gender</name>
    <message>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>Female</translation>
    </message>
</context>
<context>
    <name>InviteDialog</name>
    <message>
        <source>邀请居民：{title}</source>
        <translation>Invite residents: {title}</translation>
    </message>
    <message>
        <source>可搜索姓名、住址；按住 Ctrl 或 Shift 选择多人。已在签到表上的居民不会重复加入。</source>
        <translation>Search by name or address; hold Ctrl or Shift to choose several. Residents already on the sheet are not added twice.</translation>
    </message>
    <message>
        <source>搜索居民</source>
        <translation>Search residents</translation>
    </message>
    <message>
        <source>邀请所选居民</source>
        <translation>Invite selected</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请先选择要邀请的居民。</source>
        <translation>Select the residents to invite first.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>联点共建桌面端</source>
        <translation>LianDian Desktop</translation>
    </message>
    <message>
        <source>联点共建</source>
        <translation>LianDian</translation>
    </message>
    <message>
        <source>正在打开台账…</source>
        <translation>Opening the ledger…</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>台账中尚未建立乡镇（街道）</source>
        <translation>No township in this ledger yet</translation>
    </message>
    <message>
        <source>联点共建桌面端 — {township}</source>
        <translation>LianDian Desktop — {township}</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>重新启动后生效</source>
        <translation>Takes effect after a restart</translation>
    </message>
    <message>
        <source>操作人员</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>记入工单办理过程</source>
        <translation>Written into the work-order timeline</translation>
    </message>
    <message>
        <source>默认响应时限（小时）</source>
        <translation>Default response limit (hours)</translation>
    </message>
    <message>
        <source>设置已保存</source>
        <translation>Settings saved</translation>
    </message>
    <message>
        <source>设置已保存；界面语言将在重新启动后切换</source>
        <translation>Settings saved; the language changes after a restart</translation>
    </message>
    <message>
        <source>未能完成</source>
        <translation>Not done</translation>
    </message>
    <message>
        <source>程序错误</source>
        <translation>Program error</translation>
    </message>
</context>
<context>
    <name>MatchStatus</name>
    <message>
        <source>建议</source>
        <translation>Proposed</translation>
    </message>
    <message>
        <source>已确认</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <source>已否决</source>
        <translation>Rejected</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>工作台概览</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>村（社区）与结对</source>
        <translation>Communities &amp; pairing</translation>
    </message>
    <message>
        <source>居民</source>
        <translation>Residents</translation>
    </message>
    <message>
        <source>三张清单与对接会</source>
        <translation>Three lists &amp; meetings</translation>
    </message>
    <message>
        <source>需求、供给、匹配清单与供需对接会将在下一版本提供</source>
        <translation>The demand, supply and matching lists and the supply–demand meeting come in the next version</translation>
    </message>
    <message>
        <source>台账服务（需求、供给与匹配建议）已经就绪，页面按工单页的做法搭建。</source>
        <translation>The ledger services (demands, supplies, match proposals) are ready; the page will be built like the Work orders page.</translation>
    </message>
    <message>
        <source>工单</source>
        <translation>Work orders</translation>
    </message>
    <message>
        <source>活动与走访</source>
        <translation>Activities &amp; visits</translation>
    </message>
    <message>
        <source>满意度测评</source>
        <translation>Evaluations</translation>
    </message>
    <message>
        <source>满意度测评录入将在下一版本提供</source>
        <translation>Keying in evaluation forms comes in the next version</translation>
    </message>
    <message>
        <source>工单的评单已可在“工单”页完成。</source>
        <translation>Work orders can already be evaluated on the Work orders page.</translation>
    </message>
    <message>
        <source>资源池</source>
        <translation>Resource pool</translation>
    </message>
    <message>
        <source>志愿者</source>
        <translation>Volunteers</translation>
    </message>
    <message>
        <source>培训与蹲点</source>
        <translation>Training &amp; cadre days</translation>
    </message>
    <message>
        <source>培训学时、蹲点天数与经费台账将在下一版本提供</source>
        <translation>Training hours, cadre days and the funds ledger come in the next version</translation>
    </message>
    <message>
        <source>考核指标</source>
        <translation>KPIs</translation>
    </message>
    <message>
        <source>由考核模块提供</source>
        <translation>Provided by the assessment module</translation>
    </message>
    <message>
        <source>打印与录回</source>
        <translation>Print &amp; key back</translation>
    </message>
    <message>
        <source>由纸质表单模块提供</source>
        <translation>Provided by the paper forms module</translation>
    </message>
    <message>
        <source>导入与导出</source>
        <translation>Import &amp; export</translation>
    </message>
    <message>
        <source>由 Excel 模块提供</source>
        <translation>Provided by the Excel module</translation>
    </message>
    <message>
        <source>数据同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>由同步模块提供</source>
        <translation>Provided by the sync module</translation>
    </message>
</context>
<context>
    <name>OffersBrowser</name>
    <message>
        <source>资源</source>
        <comment>noun</comment>
        <translation>resource</translation>
    </message>
    <message>
        <source>搜索资源名称、存放地点、说明</source>
        <translation>Search name, location, description</translation>
    </message>
    <message>
        <source>资源名称</source>
        <translation>Resource</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Qty</translation>
    </message>
    <message>
        <source>存放地点</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>提供单位</source>
        <translation>Offered by</translation>
    </message>
    <message>
        <source>所属村（社区）</source>
        <translation>Community</translation>
    </message>
    <message>
        <source>开放起</source>
        <translation>Available from</translation>
    </message>
    <message>
        <source>开放至</source>
        <translation>Available until</translation>
    </message>
    <message>
        <source>长期</source>
        <translation>Open-ended</translation>
    </message>
    <message>
        <source>开放</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>开放与停用</source>
        <translation>Open and closed</translation>
    </message>
    <message>
        <source>开放中</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>不填表示长期开放</source>
        <translation>Leave empty for open-ended</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>开放预约</source>
        <translation>Open for booking</translation>
    </message>
    <message>
        <source>预约 / 借用</source>
        <translation>Book / lend</translation>
    </message>
</context>
<context>
    <name>OrderAction</name>
    <message>
        <source>点单</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>派单</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <source>改派</source>
        <translation>Redispatch</translation>
    </message>
    <message>
        <source>接单</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>首次联系</source>
        <translation>First contact</translation>
    </message>
    <message>
        <source>办结</source>
        <translation>Resolve</translation>
    </message>
    <message>
        <source>评单</source>
        <translation>Evaluate</translation>
    </message>
    <message>
        <source>重新办理</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>作废</source>
        <translation>Invalidate</translation>
    </message>
</context>
<context>
    <name>OrderDetail</name>
    <message>
        <source>选择一张工单查看详情</source>
        <translation>Select an order to see its details</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>村（社区）</source>
        <translation>Community</translation>
    </message>
    <message>
        <source>点单人</source>
        <translation>Requester</translation>
    </message>
    <message>
        <source>承办单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>响应时限</source>
        <translation>Response</translation>
    </message>
    <message>
        <source>需求描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>办理结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>办理过程</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>（未派单）</source>
        <translation>(not dispatched)</translation>
    </message>
    <message>
        <source>截止 {when}</source>
        <translation>Due {when}</translation>
    </message>
</context>
<context>
    <name>OrderStatus</name>
    <message>
        <source>待派单</source>
        <translation>Awaiting dispatch</translation>
    </message>
    <message>
        <source>已派单</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <source>已接单</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>已评单</source>
        <translation>Evaluated</translation>
    </message>
    <message>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>无效</source>
        <translation>Invalid</translation>
    </message>
</context>
<context>
    <name>Orders</name>
    <message>
        <source>未派单</source>
        <translation>Not dispatched</translation>
    </message>
    <message>
        <source>超时响应 {took}</source>
        <translation>Late: {took}</translation>
    </message>
    <message>
        <source>已响应 {took}</source>
        <translation>Responded in {took}</translation>
    </message>
</context>
<context>
    <name>OrdersBrowser</name>
    <message>
        <source>工单</source>
        <comment>noun</comment>
        <translation>work order</translation>
    </message>
    <message>
        <source>工单</source>
        <translation>Work orders</translation>
    </message>
    <message>
        <source>群众点单 → 组织派单 → 单位接单 → 群众评单；超时未响应的工单以红色显示。</source>
        <translation>Residents request → township dispatches → unit accepts → residents evaluate. Orders past their response deadline are red.</translation>
    </message>
    <message>
        <source>搜索编号、标题、点单人</source>
        <translation>Search code, title, requester</translation>
    </message>
    <message>
        <source>工单 {code}（{title}）</source>
        <translation>order {code} ({title})</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>村（社区）</source>
        <translation>Community</translation>
    </message>
    <message>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>紧急</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>承办单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>点单时间</source>
        <translation>Requested</translation>
    </message>
    <message>
        <source>响应时限</source>
        <translation>Response</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>全部村（社区）</source>
        <translation>All communities</translation>
    </message>
    <message>
        <source>全部紧急程度</source>
        <translation>All urgencies</translation>
    </message>
    <message>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <source>工单标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>例如：3 栋路灯不亮</source>
        <translation>e.g. street light out at block 3</translation>
    </message>
    <message>
        <source>点单人</source>
        <translation>Requester</translation>
    </message>
    <message>
        <source>居民或社区联系人姓名</source>
        <translation>Resident or community contact</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>需求类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>（不选）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>需求描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>从纸质登记表补录时，取消勾选并填写当时的时间</source>
        <translation>When keying in from a paper register, untick and enter the time it was requested</translation>
    </message>
    <message>
        <source>{action}：{what}</source>
        <translation>{action}: {what}</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>从纸质材料补录时，取消勾选并填写实际时间</source>
        <translation>When keying in from paper, untick and enter the actual time</translation>
    </message>
    <message>
        <source>{name}（结对单位）</source>
        <translation>{name} (paired)</translation>
    </message>
    <message>
        <source>与该村（社区）结对的单位排在前面</source>
        <translation>Units paired with the community come first</translation>
    </message>
    <message>
        <source>响应时限（小时）</source>
        <translation>Response limit (hours)</translation>
    </message>
    <message>
        <source>派单说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>改派给</source>
        <translation>Redispatch to</translation>
    </message>
    <message>
        <source>改派原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>联系情况</source>
        <translation>Contact note</translation>
    </message>
    <message>
        <source>如：电话联系居民，约定上门时间</source>
        <translation>e.g. phoned the resident and agreed a visit</translation>
    </message>
    <message>
        <source>办理结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>解决情况</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>测评方式</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>居民意见</source>
        <translation>Resident&apos;s comment</translation>
    </message>
    <message>
        <source>重新办理的原因</source>
        <translation>Why it is reopened</translation>
    </message>
    <message>
        <source>撤回原因</source>
        <translation>Why it is withdrawn</translation>
    </message>
    <message>
        <source>作废原因</source>
        <translation>Why it is invalid</translation>
    </message>
</context>
<context>
    <name>OrgScreen</name>
    <message>
        <source>村（社区）与结对</source>
        <translation>Communities &amp; pairing</translation>
    </message>
    <message>
        <source>村（社区）、联点单位、结对关系与联点干部、兼职顾问。</source>
        <translation>Villages and communities, paired units, pairings, cadres and advisors.</translation>
    </message>
    <message>
        <source>村（社区）</source>
        <translation>Community</translation>
    </message>
    <message>
        <source>联点单位</source>
        <translation>Paired unit</translation>
    </message>
    <message>
        <source>结对关系</source>
        <translation>Pairings</translation>
    </message>
    <message>
        <source>干部与顾问</source>
        <translation>Cadres &amp; advisors</translation>
    </message>
    <message>
        <source>重点社区“{name}”结对单位少于 {n} 个。</source>
        <translation>Key community “{name}” has fewer than {n} paired units.</translation>
    </message>
    <message>
        <source>……另有 {n} 项干部配备不足。</source>
        <translation>…and {n} more cadre shortfalls.</translation>
    </message>
</context>
<context>
    <name>OverviewScreen</name>
    <message>
        <source>工作台概览</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>今天需要处理的事项；点击条目可直接打开。</source>
        <translation>What needs doing today; click an item to open it.</translation>
    </message>
    <message>
        <source>超时未响应的工单</source>
        <translation>Orders past their response deadline</translation>
    </message>
    <message>
        <source>本周活动与走访</source>
        <translation>Activities this week</translation>
    </message>
    <message>
        <source>到期待还的借用</source>
        <translation>Loans due back</translation>
    </message>
    <message>
        <source>尚未同步</source>
        <translation>Not yet synced</translation>
    </message>
    <message>
        <source>重点社区结对缺口</source>
        <translation>Key communities short of units</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>台账中尚未建立乡镇（街道）。请生成示范数据或同步县级区划。</source>
        <translation>No township in this ledger yet. Build the demo or sync the county&apos;s divisions.</translation>
    </message>
    <message>
        <source>未能读取：{why}</source>
        <translation>Could not read: {why}</translation>
    </message>
    <message>
        <source>{code}  {title} · {community} · {unit} · 超时 {late}</source>
        <translation>{code}  {title} · {community} · {unit} · {late} late</translation>
    </message>
    <message>
        <source>没有超时未响应的工单。</source>
        <translation>No order is past its response deadline.</translation>
    </message>
    <message>
        <source>…另有 {n} 张，请到“工单”页查看</source>
        <translation>…{n} more on the Work orders page</translation>
    </message>
    <message>
        <source>全乡镇</source>
        <translation>Whole township</translation>
    </message>
    <message>
        <source>{weekday} {time}  {title} · {where}</source>
        <translation>{weekday} {time}  {title} · {where}</translation>
    </message>
    <message>
        <source>本周没有安排活动。</source>
        <translation>Nothing planned this week.</translation>
    </message>
    <message>
        <source>…另有 {n} 项，请到“活动与走访”页查看</source>
        <translation>…{n} more on the Activities page</translation>
    </message>
    <message>
        <source>{borrower} · {offer} × {n} · 应还 {when}</source>
        <translation>{borrower} · {offer} × {n} · due {when}</translation>
    </message>
    <message>
        <source>（已逾期）</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <source>今天没有到期的借用。</source>
        <translation>No loan is due today.</translation>
    </message>
    <message>
        <source>从未与县级服务器同步</source>
        <translation>Never synced with the county server</translation>
    </message>
    <message>
        <source>上次同步：{when}</source>
        <translation>Last synced: {when}</translation>
    </message>
    <message>
        <source>{n} 条记录将在下次同步时上传</source>
        <translation>{n} records will be uploaded at the next sync</translation>
    </message>
    <message>
        <source>{name}：重点社区结对单位少于 2 个</source>
        <translation>{name}: key community with fewer than 2 paired units</translation>
    </message>
    <message>
        <source>每个重点社区都有至少 2 个结对单位。</source>
        <translation>Every key community has at least 2 paired units.</translation>
    </message>
    <message>
        <source>{date} {weekday} · 更新于 {time}</source>
        <translation>{date} {weekday} · updated {time}</translation>
    </message>
</context>
<context>
    <name>PairingsBrowser</name>
    <message>
        <source>结对关系</source>
        <comment>noun</comment>
        <translation>pairing</translation>
    </message>
    <message>
        <source>“{unit}”与“{community}”的结对</source>
        <translation>pairing of “{unit}” with “{community}”</translation>
    </message>
    <message>
        <source>联点单位</source>
        <translation>Paired unit</translation>
    </message>
    <message>
        <source>村（社区）</source>
        <translation>Community</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>至今</source>
        <translation>Ongoing</translation>
    </message>
    <message>
        <source>牵头单位</source>
        <translation>Lead unit</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>全部村（社区）</source>
        <translation>All communities</translation>
    </message>
    <message>
        <source>全部单位</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <source>不填表示长期结对</source>
        <translation>Leave empty for an open-ended pairing</translation>
    </message>
    <message>
        <source>结束结对</source>
        <translation>End pairing</translation>
    </message>
    <message>
        <source>结束{what}</source>
        <translation>End the {what}</translation>
    </message>
</context>
<context>
    <name>PointsKind</name>
    <message>
        <source>服务积分</source>
        <translation>Earned</translation>
    </message>
    <message>
        <source>积分兑换</source>
        <translation>Redeem points</translation>
    </message>
    <message>
        <source>积分调整</source>
        <translation>Adjustment</translation>
    </message>
</context>
<context>
    <name>RecordBrowser</name>
    <message>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>新建{noun}</source>
        <translation>New {noun}</translation>
    </message>
    <message>
        <source>编辑{what}</source>
        <translation>Edit {what}</translation>
    </message>
    <message>
        <source>删除确认</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>确定删除{what}吗？</source>
        <translation>Delete {what}?</translation>
    </message>
    <message>
        <source>删除后可在 10 秒内点击状态栏的“撤销”恢复。</source>
        <translation>You can undo it from the status bar for 10 seconds.</translation>
    </message>
    <message>
        <source>已删除{what}</source>
        <translation>Deleted {what}</translation>
    </message>
    <message>
        <source>已撤销删除：{what}</source>
        <translation>Restored {what}</translation>
    </message>
</context>
<context>
    <name>RecordList</name>
    <message>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>没有符合条件的记录</source>
        <translation>No matching records</translation>
    </message>
    <message>
        <source>共 {total} 条</source>
        <translation>{total} records</translation>
    </message>
    <message>
        <source>共 {total} 条，已显示 {shown} 条（向下滚动加载更多）</source>
        <translation>{shown} of {total} records shown (scroll down for more)</translation>
    </message>
</context>
<context>
    <name>Residents</name>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Born</translation>
    </message>
    <message>
        <source>村（社区）</source>
        <translation>Community</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>特殊群体</source>
        <translation>Special groups</translation>
    </message>
    <message>
        <source>住址</source>
        <translation>Address</translation>
    </message>
</context>
<context>
    <name>ResidentsBrowser</name>
    <message>
        <source>居民</source>
        <comment>noun</comment>
        <translation>resident</translation>
    </message>
    <message>
        <source>居民</source>
        <translation>Residents</translation>
    </message>
    <message>
        <source>证件号码与电话在列表中打码显示；编辑时显示完整信息。</source>
        <translation>ID numbers and phones are masked in the list and shown in full only when editing.</translation>
    </message>
    <message>
        <source>搜索姓名、电话、住址、身份证号</source>
        <translation>Search name, phone, address, ID number</translation>
    </message>
    <message>
        <source>全部村（社区）</source>
        <translation>All communities</translation>
    </message>
    <message>
        <source>村（社区）</source>
        <translation>Community</translation>
    </message>
    <message>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>生僻字可直接输入，如“䶮”“𠅤”</source>
        <translation>Rare characters such as 䶮 𠅤 can be typed directly</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>填写后性别、出生日期按号码自动识别</source>
        <translation>Gender and birth date are read from the number</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>（按身份证号）</source>
        <translation>(from the ID number)</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Born</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>Household no.</translation>
    </message>
    <message>
        <source>特殊群体</source>
        <translation>Special groups</translation>
    </message>
    <message>
        <source>老年人、高龄老人按出生日期自动判断</source>
        <translation>Elderly (60+) and very elderly (80+) follow the birth date</translation>
    </message>
    <message>
        <source>健康状况</source>
        <translation>Health</translation>
    </message>
    <message>
        <source>残疾情况</source>
        <translation>Disability</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>Resolution</name>
    <message>
        <source>已解决</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>部分解决</source>
        <translation>Partly resolved</translation>
    </message>
    <message>
        <source>未解决</source>
        <translation>Unresolved</translation>
    </message>
</context>
<context>
    <name>ResourceKind</name>
    <message>
        <source>场地</source>
        <translation>Space</translation>
    </message>
    <message>
        <source>设备</source>
        <translation>Equipment</translation>
    </message>
    <message>
        <source>车辆</source>
        <translation>Vehicle</translation>
    </message>
    <message>
        <source>物资</source>
        <translation>Goods</translation>
    </message>
</context>
<context>
    <name>ResourcesScreen</name>
    <message>
        <source>资源池</source>
        <translation>Resource pool</translation>
    </message>
    <message>
        <source>联点单位和村（社区）提供的场地、设备、车辆与物资；同一时段不能重复预约。</source>
        <translation>Spaces, equipment, vehicles and goods offered by units and communities; an item cannot be booked twice for the same time.</translation>
    </message>
    <message>
        <source>资源</source>
        <translation>Resource</translation>
    </message>
    <message>
        <source>预约与借用</source>
        <translation>Bookings &amp; loans</translation>
    </message>
</context>
<context>
    <name>Satisfaction</name>
    <message>
        <source>非常满意</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>基本满意</source>
        <translation>Fairly satisfied</translation>
    </message>
    <message>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <source>非常不满意</source>
        <translation>Very dissatisfied</translation>
    </message>
</context>
<context>
    <name>SheetModel</name>
    <message>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>签到</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>时长</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>未录</source>
        <translation>Not keyed</translation>
    </message>
</context>
<context>
    <name>SignInSheet</name>
    <message>
        <source>选择一项活动，录入签到表</source>
        <translation>Select an activity to key in its sign-in sheet</translation>
    </message>
    <message>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>输入行号定位，空格键签到／缺席，回车到下一行</source>
        <translation>Type a row code to jump, Space for present/absent, Enter for the next row</translation>
    </message>
    <message>
        <source>邀请居民</source>
        <translation>Invite residents</translation>
    </message>
    <message>
        <source>现场加入</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <source>删除该行</source>
        <translation>Delete row</translation>
    </message>
    <message>
        <source>应到 {invited} 人 · 签到 {present} · 缺席 {absent} · 未录 {unmarked} · 现场加入 {walk}</source>
        <translation>Invited {invited} · present {present} · absent {absent} · not keyed {unmarked} · walk-ins {walk}</translation>
    </message>
    <message>
        <source>第 {code} 行是现场加入人员，不需要签到标记；如为误录请删除该行。</source>
        <translation>Row {code} is a walk-in and needs no mark; delete the row if it was keyed by mistake.</translation>
    </message>
    <message>
        <source>现场加入：{title}</source>
        <translation>Walk-in: {title}</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>加入签到表</source>
        <translation>Add to sheet</translation>
    </message>
    <message>
        <source>删除签到行</source>
        <translation>Delete sign-in row</translation>
    </message>
    <message>
        <source>确定从签到表删除第 {code} 行“{name}”吗？该行号不会再被使用。</source>
        <translation>Delete row {code} “{name}” from the sheet? The row code will not be used again.</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
</context>
<context>
    <name>Smoke</name>
    <message>
        <source>（打开台账）</source>
        <translation>(opening the ledger)</translation>
    </message>
    <message>
        <source>页面“{page}”在 {seconds} 秒内没有加载完成</source>
        <translation>Page “{page}” did not load within {seconds} seconds</translation>
    </message>
</context>
<context>
    <name>SpecialGroup</name>
    <message>
        <source>老年人</source>
        <translation>Elderly</translation>
    </message>
    <message>
        <source>高龄老人</source>
        <translation>Very elderly (80+)</translation>
    </message>
    <message>
        <source>独居老人</source>
        <translation>Living alone</translation>
    </message>
    <message>
        <source>残疾人</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>低保</source>
        <translation>Dibao allowance</translation>
    </message>
    <message>
        <source>特困</source>
        <translation>Tekun support</translation>
    </message>
    <message>
        <source>留守儿童</source>
        <translation>Left-behind child</translation>
    </message>
    <message>
        <source>困境儿童</source>
        <translation>Child in difficulty</translation>
    </message>
    <message>
        <source>优抚对象</source>
        <translation>Entitled group</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>从未同步</source>
        <translation>never synced</translation>
    </message>
    <message>
        <source>上次同步 {when}</source>
        <translation>last synced {when}</translation>
    </message>
    <message>
        <source>离线工作 · {last}</source>
        <translation>Working offline · {last}</translation>
    </message>
    <message>
        <source>离线工作 · 待同步 {n} 条记录 · {last}</source>
        <translation>Working offline · {n} records to sync · {last}</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>未能撤销：{why}</source>
        <translation>Could not undo: {why}</translation>
    </message>
    <message>
        <source>正在处理…</source>
        <translation>Working…</translation>
    </message>
</context>
<context>
    <name>SupplyKind</name>
    <message>
        <source>资金</source>
        <translation>Funds</translation>
    </message>
    <message>
        <source>人才</source>
        <translation>Talent</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>物资/设备</source>
        <translation>Goods/equipment</translation>
    </message>
    <message>
        <source>场地</source>
        <translation>Space</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <source>操作未能完成：程序遇到意外错误（{kind}）。详细信息已写入日志，请联系技术支持。</source>
        <translation>The operation failed: the program met an unexpected error ({kind}). The details are in the log; please contact support.</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
</context>
<context>
    <name>UnitKind</name>
    <message>
        <source>党政机关</source>
        <translation>Party or government body</translation>
    </message>
    <message>
        <source>事业单位</source>
        <translation>Public institution</translation>
    </message>
    <message>
        <source>国有企业</source>
        <translation>State enterprise</translation>
    </message>
    <message>
        <source>群团组织</source>
        <translation>People&apos;s organisation</translation>
    </message>
    <message>
        <source>社会组织</source>
        <translation>Social organisation</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>UnitsBrowser</name>
    <message>
        <source>联点单位</source>
        <comment>noun</comment>
        <translation>paired unit</translation>
    </message>
    <message>
        <source>搜索单位名称、简称、联系人</source>
        <translation>Search name, short name, contact</translation>
    </message>
    <message>
        <source>单位名称</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>简称</source>
        <translation>Short name</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation>All types</translation>
    </message>
</context>
<context>
    <name>Urgency</name>
    <message>
        <source>一般</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>较急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <source>紧急</source>
        <translation>Critical</translation>
    </message>
</context>
<context>
    <name>VolunteerDetail</name>
    <message>
        <source>选择一名志愿者查看服务记录与积分</source>
        <translation>Select a volunteer to see service records and points</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>活动</source>
        <translation>activity</translation>
    </message>
    <message>
        <source>时长</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>服务记录</source>
        <translation>Service records</translation>
    </message>
    <message>
        <source>积分明细</source>
        <translation>Points ledger</translation>
    </message>
    <message>
        <source>积分余额：{n} 分</source>
        <translation>Points balance: {n}</translation>
    </message>
    <message>
        <source>服务 {n} 次，累计 {h} 小时</source>
        <translation>{n} services, {h} hours in all</translation>
    </message>
</context>
<context>
    <name>VolunteerStatus</name>
    <message>
        <source>在册</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>暂停</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <source>已注销</source>
        <translation>Left</translation>
    </message>
</context>
<context>
    <name>VolunteersBrowser</name>
    <message>
        <source>志愿者</source>
        <comment>noun</comment>
        <translation>volunteer</translation>
    </message>
    <message>
        <source>志愿者</source>
        <translation>Volunteers</translation>
    </message>
    <message>
        <source>志愿者名册、服务记录（时长不含往返路途）、积分与兑换、志愿服务记录证明。</source>
        <translation>The volunteer roster, service records (hours exclude travel), points and redemptions, service certificates.</translation>
    </message>
    <message>
        <source>搜索姓名、编号、电话、技能</source>
        <translation>Search name, number, phone, skills</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>村（社区）</source>
        <translation>Community</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>专业技能</source>
        <translation>Skills</translation>
    </message>
    <message>
        <source>登记日期</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>全部村（社区）</source>
        <translation>All communities</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>（按身份证号）</source>
        <translation>(from the ID number)</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>居住区域</source>
        <translation>Area of residence</translation>
    </message>
    <message>
        <source>服务类别</source>
        <translation>Service categories</translation>
    </message>
    <message>
        <source>不填为今天</source>
        <translation>Empty means today</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>记录服务</source>
        <translation>Record service</translation>
    </message>
    <message>
        <source>积分兑换</source>
        <translation>Redeem points</translation>
    </message>
    <message>
        <source>服务证明</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>活动名称</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>服务日期</source>
        <translation>Service date</translation>
    </message>
    <message>
        <source>服务时长（小时）</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>不含往返路途时间</source>
        <translation>Excluding travel time</translation>
    </message>
    <message>
        <source>服务地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>服务内容</source>
        <translation>Service content</translation>
    </message>
    <message>
        <source>组织单位</source>
        <translation>Organiser</translation>
    </message>
    <message>
        <source>负责人</source>
        <translation>Person in charge</translation>
    </message>
    <message>
        <source>记录服务：{name}</source>
        <translation>Record service: {name}</translation>
    </message>
    <message>
        <source>保存记录</source>
        <translation>Save record</translation>
    </message>
    <message>
        <source>兑换积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>兑换物品</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>积分兑换：{name}</source>
        <translation>Redeem points: {name}</translation>
    </message>
    <message>
        <source>兑换</source>
        <translation>Redeem</translation>
    </message>
    <message>
        <source>服务日期自</source>
        <translation>Services from</translation>
    </message>
    <message>
        <source>至</source>
        <translation>To</translation>
    </message>
    <message>
        <source>志愿服务记录证明：{name}</source>
        <translation>Volunteer service certificate: {name}</translation>
    </message>
    <message>
        <source>生成</source>
        <translation>Generate</translation>
    </message>
</context>
</TS>
