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
    <message>
        <source>打印签到表</source>
        <translation>Print sign-in sheet</translation>
    </message>
    <message>
        <source>打印测评表</source>
        <translation>Print evaluation forms</translation>
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
    <name>ActivityPicker</name>
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
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>搜索名称、编号、地点</source>
        <translation>Search name, code, place</translation>
    </message>
    <message>
        <source>含已结束的活动</source>
        <translation>Include past activities</translation>
    </message>
    <message>
        <source>打印测评表或补打签到表时，勾选后可选择已经结束的活动</source>
        <translation>Tick to choose an activity that is over (evaluation forms, a sheet printed again)</translation>
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
    <name>AssessmentTab</name>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>考核月份</source>
        <translation>Assessment month</translation>
    </message>
    <message>
        <source>重新计算</source>
        <translation>Recalculate</translation>
    </message>
    <message>
        <source>按当前台账重新计算本月考核（不存档）</source>
        <translation>Recalculate this month&apos;s assessment from the ledger as it is now (not stored)</translation>
    </message>
    <message>
        <source>保存本月结果</source>
        <translation>Store this month&apos;s results</translation>
    </message>
    <message>
        <source>存档本月考核结果；存档后本月不再重算，下月据此判断帮扶提升计划</source>
        <translation>Store this month&apos;s results; once stored the month is not recalculated, and next month&apos;s assistance plans are judged from them</translation>
    </message>
    <message>
        <source>导出 Excel</source>
        <translation>Export Excel</translation>
    </message>
    <message>
        <source>导出 JSON</source>
        <translation>Export JSON</translation>
    </message>
    <message>
        <source>强制重算…</source>
        <translation>Force recalculation…</translation>
    </message>
    <message>
        <source>按当前台账重算本月并取代已存档的结果；原结果保留为历史记录</source>
        <translation>Recalculate the month from the ledger as it is now and replace the stored results; the old results are kept as history</translation>
    </message>
    <message>
        <source>排名</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>联点单位</source>
        <translation>Paired unit</translation>
    </message>
    <message>
        <source>过程</source>
        <translation>Process</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Results</translation>
    </message>
    <message>
        <source>创新</source>
        <translation>Innovation</translation>
    </message>
    <message>
        <source>总分</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>榜单</source>
        <translation>List</translation>
    </message>
    <message>
        <source>帮扶计划</source>
        <translation>Assistance</translation>
    </message>
    <message>
        <source>选择一个单位查看各项指标</source>
        <translation>Select a unit to see its indicators</translation>
    </message>
    <message>
        <source>部分</source>
        <translation>Section</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>值</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>得分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <source>双击一项指标查看其依据记录</source>
        <translation>Double-click an indicator to see its records</translation>
    </message>
    <message>
        <source>创新加分</source>
        <translation>Innovation score</translation>
    </message>
    <message>
        <source>创新加分分数</source>
        <translation>Innovation score points</translation>
    </message>
    <message>
        <source>分数</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>做了什么、有哪些材料可查（必填）</source>
        <translation>What was done and which material shows it (required)</translation>
    </message>
    <message>
        <source>佐证说明</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>登记创新加分</source>
        <translation>Record innovation score</translation>
    </message>
    <message>
        <source>红榜：排名前 10% 且总分达到红榜分数线；黄榜：总分低于黄榜线；黑榜：总分低于黑榜线，或排名后 10% 且低于黄榜线。连续两个月排名后 10% 的单位启动帮扶提升计划。</source>
        <translation>Red list: top 10% and a total at or above the red line; yellow list: total below the yellow line; black list: total below the black line, or bottom 10% and below the yellow line. A unit in the bottom 10% two months running gets an assistance plan.</translation>
    </message>
    <message>
        <source>{y} 年 {m} 月</source>
        <translation>{y}-{m:02d}</translation>
    </message>
    <message>
        <source>台账中尚未建立乡镇（街道）</source>
        <translation>The ledger has no township yet</translation>
    </message>
    <message>
        <source>正在计算 {month} 的考核…</source>
        <translation>Assessing {month}…</translation>
    </message>
    <message>
        <source>正在计算月度考核…</source>
        <translation>Calculating the monthly assessment…</translation>
    </message>
    <message>
        <source>{n} 个单位 · 截至 {when} · 本月已于 {stored} 存档</source>
        <translation>{n} units · as of {when} · stored on {stored}</translation>
    </message>
    <message>
        <source>{n} 个单位 · 截至 {when} · 本月尚未存档</source>
        <translation>{n} units · as of {when} · not stored yet</translation>
    </message>
    <message>
        <source>已存档（重新保存）</source>
        <translation>Stored (store again)</translation>
    </message>
    <message>
        <source>启动</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>后 10%</source>
        <translation>Bottom 10%</translation>
    </message>
    <message>
        <source>本月与上月均排名后 10%：启动帮扶提升计划</source>
        <translation>Bottom 10% this month and last month: assistance plan started</translation>
    </message>
    <message>
        <source>本月排名后 10%；上月考核结果未存档，无法判断是否连续两个月</source>
        <translation>Bottom 10% this month; last month&apos;s results are not stored, so two months running cannot be judged</translation>
    </message>
    <message>
        <source>本月排名后 10%，上月不在后 10%：暂不启动帮扶提升计划</source>
        <translation>Bottom 10% this month but not last month: no assistance plan yet</translation>
    </message>
    <message>
        <source>不在后 10%</source>
        <translation>Not in the bottom 10%</translation>
    </message>
    <message>
        <source>无数据</source>
        <translation>No data</translation>
    </message>
    <message>
        <source>第 {rank} 名&#x3000;{name}&#x3000;总分 {total}</source>
        <translation>No. {rank}  {name}  total {total}</translation>
    </message>
    <message>
        <source>过程 {p} + 结果 {r} + 创新 {i}</source>
        <translation>Process {p} + results {r} + innovation {i}</translation>
    </message>
    <message>
        <source>未上榜</source>
        <translation>On no list</translation>
    </message>
    <message>
        <source>{list}：{reason}</source>
        <translation>{list}: {reason}</translation>
    </message>
    <message>
        <source>连续两个月排名后 10%：启动帮扶提升计划</source>
        <translation>Bottom 10% two months running: assistance plan started</translation>
    </message>
    <message>
        <source>说明：{note}</source>
        <translation>Note: {note}</translation>
    </message>
    <message>
        <source>创新加分（{month}，满分 {cap} 分）</source>
        <translation>Innovation score ({month}, at most {cap} points)</translation>
    </message>
    <message>
        <source>{unit} · {label}：{value}，得分 {points} / {max}</source>
        <translation>{unit} · {label}: {value}, {points} / {max} points</translation>
    </message>
    <message>
        <source>{unit} · {label}的依据记录</source>
        <translation>{unit} · records behind {label}</translation>
    </message>
    <message>
        <source>已登记 {unit} {month} 的创新加分 {score} 分</source>
        <translation>Recorded an innovation score of {score} for {unit}, {month}</translation>
    </message>
    <message>
        <source>本月已存档</source>
        <translation>Month already stored</translation>
    </message>
    <message>
        <source>{month} 的考核结果已存档。仍要修改创新加分吗？</source>
        <translation>The results of {month} are stored. Change the innovation score anyway?</translation>
    </message>
    <message>
        <source>仍然修改</source>
        <translation>Change anyway</translation>
    </message>
    <message>
        <source>修改后请用“强制重算”更新存档结果。</source>
        <translation>Afterwards, use “Force recalculation” to update the stored results.</translation>
    </message>
    <message>
        <source>强制重算</source>
        <translation>Force recalculation</translation>
    </message>
    <message>
        <source>按当前台账重算 {month} 并取代已存档的结果吗？</source>
        <translation>Recalculate {month} from the ledger as it is now and replace the stored results?</translation>
    </message>
    <message>
        <source>原存档结果不会删除，保留为历史记录（标记为已替换）；下月的帮扶判断将按新结果。</source>
        <translation>The stored results are not deleted: they are kept as history (marked as replaced). Next month&apos;s assistance plans will follow the new results.</translation>
    </message>
    <message>
        <source>已强制重算并存档 {month}：{n} 个单位（原结果保留为历史）</source>
        <translation>Recalculated and stored {month}: {n} units (the old results are kept as history)</translation>
    </message>
    <message>
        <source>已存档 {month}：{n} 个单位</source>
        <translation>Stored {month}: {n} units</translation>
    </message>
    <message>
        <source>月度考核_{township}_{month}</source>
        <translation>Monthly assessment_{township}_{month}</translation>
    </message>
    <message>
        <source>导出月度考核</source>
        <translation>Export the monthly assessment</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>JSON 文件 (*.json)</source>
        <translation>JSON file (*.json)</translation>
    </message>
    <message>
        <source>已导出到 {path}</source>
        <translation>Exported to {path}</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
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
    <name>CadreDaysBrowser</name>
    <message>
        <source>蹲点记录</source>
        <comment>noun</comment>
        <translation>cadre day</translation>
    </message>
    <message>
        <source>搜索干部、村（社区）、工作内容</source>
        <translation>Search cadre, community, work done</translation>
    </message>
    <message>
        <source>{name} {day} 的蹲点记录</source>
        <translation>{name}&apos;s day in the community on {day}</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>干部</source>
        <translation>Cadre</translation>
    </message>
    <message>
        <source>所属单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>村（社区）</source>
        <translation>Community</translation>
    </message>
    <message>
        <source>时长</source>
        <translation>Length</translation>
    </message>
    <message>
        <source>工作内容</source>
        <translation>Work done</translation>
    </message>
    <message>
        <source>全部干部</source>
        <translation>All cadres</translation>
    </message>
    <message>
        <source>全部村（社区）</source>
        <translation>All communities</translation>
    </message>
    <message>
        <source>全天和半天</source>
        <translation>Full and half days</translation>
    </message>
    <message>
        <source>联点干部</source>
        <translation>Cadre</translation>
    </message>
    <message>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <source>蹲点村（社区）</source>
        <translation>Community</translation>
    </message>
    <message>
        <source>如：入户走访独居老人 6 户</source>
        <translation>e.g. visited 6 elderly people living alone</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>天数</source>
        <translation>Days</translation>
    </message>
    <message>
        <source>差额</source>
        <translation>Gap</translation>
    </message>
    <message>
        <source>专职联点干部在全部村（社区）的蹲点天数，半天计 0.5 天。点击一人，在左侧列出其记录。</source>
        <translation>Days of full-time cadres in any community; a half day counts 0.5. Click a cadre to list their days.</translation>
    </message>
    <message>
        <source>{year} 年蹲点天数（目标每人 {target} 天）</source>
        <translation>Cadre days in {year} (target {target} days each)</translation>
    </message>
    <message>
        <source>专职干部 {n} 名：{met} 名达标，{below} 名未达标（红色）</source>
        <translation>{n} full-time cadres: {met} on target, {below} below (red)</translation>
    </message>
    <message>
        <source>还差 {n}</source>
        <translation>{n} short</translation>
    </message>
    <message>
        <source>达标</source>
        <translation>On target</translation>
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
    <name>ChartPage</name>
    <message>
        <source>指标</source>
        <translation>Figure</translation>
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
    <name>ConfirmedBrowser</name>
    <message>
        <source>匹配</source>
        <comment>noun</comment>
        <translation>match</translation>
    </message>
    <message>
        <source>搜索需求或供给的编号、名称</source>
        <translation>Search demand or supply code, title</translation>
    </message>
    <message>
        <source>“{demand}”与“{supply}”的匹配</source>
        <translation>the match of “{demand}” with “{supply}”</translation>
    </message>
    <message>
        <source>需求</source>
        <translation>Demand</translation>
    </message>
    <message>
        <source>村（社区）</source>
        <translation>Community</translation>
    </message>
    <message>
        <source>供给</source>
        <translation>Supply</translation>
    </message>
    <message>
        <source>提供单位</source>
        <translation>Offered by</translation>
    </message>
    <message>
        <source>分配</source>
        <translation>Allocated</translation>
    </message>
    <message>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>确认时间</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <source>需求状态</source>
        <translation>Demand status</translation>
    </message>
    <message>
        <source>转为工单</source>
        <translation>Make a work order</translation>
    </message>
    <message>
        <source>为该需求生成一张待派单的工单，需求改为“已转工单”</source>
        <translation>Create a work order awaiting dispatch for this demand; the demand becomes “Turned into an order”</translation>
    </message>
    <message>
        <source>查看工单</source>
        <translation>Open the work order</translation>
    </message>
    <message>
        <source>撤销确认</source>
        <translation>Withdraw confirmation</translation>
    </message>
    <message>
        <source>否决该匹配，分配的容量退回供给</source>
        <translation>Reject this match; the allocated capacity goes back to the supply</translation>
    </message>
    <message>
        <source>工单标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>需求描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>{text}
对接供给：{supply}（{unit}）</source>
        <translation>{text}
Matched supply: {supply} ({unit})</translation>
    </message>
    <message>
        <source>点单人</source>
        <translation>Requester</translation>
    </message>
    <message>
        <source>需求“{title}”当前为{status}，不能再转为工单</source>
        <translation>Demand “{title}” is {status} now: it can no longer become a work order</translation>
    </message>
    <message>
        <source>转为工单：{demand}</source>
        <translation>Make a work order: {demand}</translation>
    </message>
    <message>
        <source>生成工单</source>
        <translation>Create the order</translation>
    </message>
    <message>
        <source>工单生成后为“待派单”，请到“工单”页派给承办单位。</source>
        <translation>The new order awaits dispatch: send it to a unit on the Work orders page.</translation>
    </message>
    <message>
        <source>已生成工单 {code}，待派单</source>
        <translation>Work order {code} created, awaiting dispatch</translation>
    </message>
    <message>
        <source>没有找到该需求的工单（可能已删除）。</source>
        <translation>No work order found for this demand (it may have been deleted).</translation>
    </message>
    <message>
        <source>撤销确认：{what}</source>
        <translation>Withdraw confirmation: {what}</translation>
    </message>
    <message>
        <source>撤销理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>分配给该需求的容量将退回供给；需求没有其他确认的匹配时，恢复为“待对接”。</source>
        <translation>The capacity allocated to this demand goes back to the supply; with no other confirmed match the demand is open again.</translation>
    </message>
</context>
<context>
    <name>DashboardTab</name>
    <message>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>重新计算（F5）</source>
        <translation>Calculate again (F5)</translation>
    </message>
    <message>
        <source>导出 Excel</source>
        <translation>Export Excel</translation>
    </message>
    <message>
        <source>导出 JSON</source>
        <translation>Export JSON</translation>
    </message>
    <message>
        <source>虚线为目标；点击数据点查看该月的依据记录</source>
        <translation>Dashed lines are targets; click a point to see that month&apos;s records</translation>
    </message>
    <message>
        <source>绿色达标，红色未达标，虚线为目标；点击柱条查看依据记录</source>
        <translation>Green meets the target, red misses it, the dashed line is the target; click a bar to see its records</translation>
    </message>
    <message>
        <source>按承办单位统计本范围的工单；点击柱条查看依据记录</source>
        <translation>This scope&apos;s orders by the unit handling them; click a bar to see its records</translation>
    </message>
    <message>
        <source>分组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>Figure</translation>
    </message>
    <message>
        <source>数值</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>分子 ÷ 分母</source>
        <translation>Numerator ÷ denominator</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>月度趋势</source>
        <translation>Monthly trend</translation>
    </message>
    <message>
        <source>各村（社区）</source>
        <translation>By community</translation>
    </message>
    <message>
        <source>各联点单位</source>
        <translation>By paired unit</translation>
    </message>
    <message>
        <source>全部指标</source>
        <translation>All figures</translation>
    </message>
    <message>
        <source>全乡镇（街道）：{name}</source>
        <translation>Whole township: {name}</translation>
    </message>
    <message>
        <source>村（社区）：{name}</source>
        <translation>Community: {name}</translation>
    </message>
    <message>
        <source>联点单位：{name}</source>
        <translation>Paired unit: {name}</translation>
    </message>
    <message>
        <source>台账中尚未建立乡镇（街道）。请生成示范数据或同步县级区划。</source>
        <translation>The ledger has no township yet. Generate the demo data or sync the county&apos;s divisions.</translation>
    </message>
    <message>
        <source>正在计算…</source>
        <translation>Calculating…</translation>
    </message>
    <message>
        <source>正在计算 {period} 的指标…</source>
        <translation>Calculating the figures of {period}…</translation>
    </message>
    <message>
        <source>{scope} · {period}（{start} 至 {end}）</source>
        <translation>{scope} · {period} ({start} to {end})</translation>
    </message>
    <message>
        <source>截至 {when}（北京时间）</source>
        <translation>as of {when} (Beijing time)</translation>
    </message>
    <message>
        <source>适用阶段目标</source>
        <translation>interim targets apply</translation>
    </message>
    <message>
        <source>撤回 {w} · 无效 {i} · 待定 {p}</source>
        <translation>{w} withdrawn · {i} invalid · {p} pending</translation>
    </message>
    <message>
        <source>{n} 张已联系工单</source>
        <translation>{n} orders contacted</translation>
    </message>
    <message>
        <source>{label}目标</source>
        <translation>{label} target</translation>
    </message>
    <message>
        <source> 小时</source>
        <translation> h</translation>
    </message>
    <message>
        <source>{first} 至 {last}，共 {n} 个月</source>
        <translation>{first} to {last}, {n} months</translation>
    </message>
    <message>
        <source>本范围没有可分列的数据</source>
        <translation>Nothing in this scope to break down</translation>
    </message>
    <message>
        <source>{label}（目标 {target}）</source>
        <translation>{label} (target {target})</translation>
    </message>
    <message>
        <source>{n} 个，其中 {missed} 个未达标</source>
        <translation>{n}, of which {missed} miss the target</translation>
    </message>
    <message>
        <source>{n} 个</source>
        <translation>{n}</translation>
    </message>
    <message>
        <source>{scope} {month}</source>
        <translation>{scope} {month}</translation>
    </message>
    <message>
        <source>指标尚未算出，请稍候再导出</source>
        <translation>The figures are not ready yet; export again in a moment</translation>
    </message>
    <message>
        <source>联点共建指标_{scope}_{period}</source>
        <translation>LianDian figures_{scope}_{period}</translation>
    </message>
    <message>
        <source>导出指标</source>
        <translation>Export figures</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>JSON 文件 (*.json)</source>
        <translation>JSON file (*.json)</translation>
    </message>
    <message>
        <source>已导出到 {path}</source>
        <translation>Exported to {path}</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
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
    <name>DemandsBrowser</name>
    <message>
        <source>需求</source>
        <comment>noun</comment>
        <translation>demand</translation>
    </message>
    <message>
        <source>搜索编号、标题、提出人、描述</source>
        <translation>Search code, title, requester, description</translation>
    </message>
    <message>
        <source>需求 {code}（{title}）</source>
        <translation>demand {code} ({title})</translation>
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
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>紧急</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>特殊群体</source>
        <translation>Special group</translation>
    </message>
    <message>
        <source>受益人数</source>
        <translation>Beneficiaries</translation>
    </message>
    <message>
        <source>提出日期</source>
        <translation>Raised on</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>全部季度</source>
        <translation>All quarters</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All categories</translation>
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
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <source>所属季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>需求类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>需求事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>（不选，自填标题）</source>
        <translation>(none: type a title)</translation>
    </message>
    <message>
        <source>需求标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>例如：3 栋路灯不亮</source>
        <translation>e.g. street light out at building 3</translation>
    </message>
    <message>
        <source>选了需求事项时可不填，用事项名称</source>
        <translation>May be left empty when an item is chosen: the item&apos;s name is used</translation>
    </message>
    <message>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>提出人</source>
        <translation>Requester</translation>
    </message>
    <message>
        <source>居民点单时填写；社区提出可不填</source>
        <translation>For a resident&apos;s request; may be empty when the community raises it</translation>
    </message>
    <message>
        <source>需求描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>不填则为“{item}”</source>
        <translation>Empty: “{item}”</translation>
    </message>
    <message>
        <source>取消需求</source>
        <translation>Cancel demand</translation>
    </message>
    <message>
        <source>已确认的匹配一并否决，供给容量退回</source>
        <translation>Its confirmed matches are rejected and the capacity goes back</translation>
    </message>
    <message>
        <source>恢复需求</source>
        <translation>Reopen demand</translation>
    </message>
    <message>
        <source>取消{what}</source>
        <translation>Cancel {what}</translation>
    </message>
    <message>
        <source>取消原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>取消后，该需求已确认的匹配将被否决，占用的供给容量退回。</source>
        <translation>The demand&apos;s confirmed matches will be rejected and the capacity they held goes back to the supplies.</translation>
    </message>
    <message>
        <source>需求已恢复为待对接</source>
        <translation>The demand is open again</translation>
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
    <name>EvaluationDetail</name>
    <message>
        <source>选择一条测评查看详情</source>
        <translation>Select an evaluation to see it in full</translation>
    </message>
    <message>
        <source>工单 {code}</source>
        <translation>Work order {code}</translation>
    </message>
    <message>
        <source>活动 {code}</source>
        <translation>Activity {code}</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Rates</translation>
    </message>
    <message>
        <source>村（社区）</source>
        <translation>Community</translation>
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
        <source>未填</source>
        <translation>not given</translation>
    </message>
    <message>
        <source>测评方式</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>测评时间</source>
        <translation>Evaluated</translation>
    </message>
    <message>
        <source>测评表版本</source>
        <translation>Form version</translation>
    </message>
    <message>
        <source>（无意见）</source>
        <translation>(no comment)</translation>
    </message>
    <message>
        <source>居民意见</source>
        <translation>Resident&apos;s comment</translation>
    </message>
</context>
<context>
    <name>EvaluationKeying</name>
    <message>
        <source>填表日期</source>
        <translation>Filled in on</translation>
    </message>
    <message>
        <source>转到第</source>
        <translation>Go to form</translation>
    </message>
    <message>
        <source>份（Ctrl+G）</source>
        <translation>(Ctrl+G)</translation>
    </message>
    <message>
        <source>数字键 1–5：勾选当前题的第几项并跳到下一题 · 空格：本题未填 · Del：清除 · 在“意见和建议”栏直接输入文字 · 回车：下一份 · Ctrl+S：保存</source>
        <translation>Keys 1–5: tick that choice and go to the next question · Space: left blank · Del: clear · type the comment straight into its column · Enter: next form · Ctrl+S: save</translation>
    </message>
    <message>
        <source>增加一份</source>
        <translation>Add a form</translation>
    </message>
    <message>
        <source>活动</source>
        <translation>activity</translation>
    </message>
    <message>
        <source>工单</source>
        <translation>work order</translation>
    </message>
    <message>
        <source>测评表&#x3000;{what} {code}《{title}》&#x3000;{n} 题&#x3000;已录入 {keyed} 份</source>
        <translation>Evaluation forms · {what} {code} “{title}” · {n} questions · {keyed} keyed before</translation>
    </message>
    <message>
        <source>共 {total} 份 · 已录入 {keyed} · 本次录入 {filled}</source>
        <translation>{total} forms · keyed before {keyed} · keyed now {filled}</translation>
    </message>
    <message>
        <source>意见和建议：照纸面直接输入文字（可不填），回车到下一份</source>
        <translation>Comments: type what is written on the paper (may be empty), Enter for the next form</translation>
    </message>
    <message>
        <source>第 {n} 份已经录入过，不能重复录入。</source>
        <translation>Form {n} was keyed before and cannot be keyed twice.</translation>
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
    <name>Evaluations</name>
    <message>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>上月</source>
        <translation>Last month</translation>
    </message>
    <message>
        <source>本季度</source>
        <translation>This quarter</translation>
    </message>
    <message>
        <source>上季度</source>
        <translation>Last quarter</translation>
    </message>
    <message>
        <source>今年</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>去年</source>
        <translation>Last year</translation>
    </message>
</context>
<context>
    <name>EvaluationsBrowser</name>
    <message>
        <source>测评</source>
        <comment>noun</comment>
        <translation>evaluation</translation>
    </message>
    <message>
        <source>满意度测评</source>
        <translation>Evaluations</translation>
    </message>
    <message>
        <source>居民对工单和活动的评价。活动测评在此逐张录入；工单测评在“工单”页评单。满意率 =（非常满意 + 满意 + 基本满意）÷ 有效测评。</source>
        <translation>Residents&apos; ratings of work orders and activities. Activity forms are keyed here one by one; a work order is rated on the Work orders page. Satisfaction rate = (very satisfied + satisfied + fairly satisfied) ÷ valid evaluations.</translation>
    </message>
    <message>
        <source>搜索编号、名称、居民意见</source>
        <translation>Search code, title, comment</translation>
    </message>
    <message>
        <source>对“{title}”的测评</source>
        <translation>the evaluation of “{title}”</translation>
    </message>
    <message>
        <source>测评时间</source>
        <translation>Evaluated</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Rates</translation>
    </message>
    <message>
        <source>工单</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>活动</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>工单 / 活动</source>
        <translation>Work order / activity</translation>
    </message>
    <message>
        <source>村（社区）</source>
        <translation>Community</translation>
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
        <source>工单和活动</source>
        <translation>Orders and activities</translation>
    </message>
    <message>
        <source>工单测评</source>
        <translation>Work orders</translation>
    </message>
    <message>
        <source>活动测评</source>
        <translation>Activities</translation>
    </message>
    <message>
        <source>全部时间</source>
        <translation>Any time</translation>
    </message>
    <message>
        <source>全部满意度</source>
        <translation>Any satisfaction</translation>
    </message>
    <message>
        <source>全部测评方式</source>
        <translation>All channels</translation>
    </message>
    <message>
        <source>全部村（社区）</source>
        <translation>All communities</translation>
    </message>
    <message>
        <source>所属工单{status}，不计入满意率</source>
        <translation>Its work order is {status}: not counted in the rate</translation>
    </message>
    <message>
        <source>满意率：当前条件下没有有效测评</source>
        <translation>Satisfaction rate: no valid evaluations match</translation>
    </message>
    <message>
        <source>满意率 {rate}&#x3000;（满意 {ok} ÷ 有效测评 {n}；目标 ≥ {target}）</source>
        <translation>Satisfaction rate {rate}  (satisfied {ok} ÷ valid evaluations {n}; target ≥ {target})</translation>
    </message>
    <message>
        <source>&#x3000;另有 {n} 条所属工单已撤回或作废，不计入</source>
        <translation>  {n} more of withdrawn or invalid orders are not counted</translation>
    </message>
    <message>
        <source>按当前列表的筛选和搜索条件逐条统计。考核指标页的满意率按每张工单最后一次测评计，两者口径不同。</source>
        <translation>Counts every evaluation the list shows under its filters and search. The KPI page counts each work order&apos;s last evaluation, so the two can differ.</translation>
    </message>
    <message>
        <source>录入活动测评</source>
        <translation>Key an activity evaluation</translation>
    </message>
    <message>
        <source>按纸质测评表逐张录入</source>
        <translation>Key the paper forms one after another</translation>
    </message>
    <message>
        <source>查看工单</source>
        <translation>Open the work order</translation>
    </message>
    <message>
        <source>查看活动</source>
        <translation>Open the activity</translation>
    </message>
    <message>
        <source>工单的测评随工单办理，请在“工单”页重新办理后再评单</source>
        <translation>A work order&apos;s evaluation belongs to the order: reopen it on the Work orders page and rate it again</translation>
    </message>
    <message>
        <source>（请选择，可输入编号或名称查找）</source>
        <translation>(choose, or type a code or a word of the title)</translation>
    </message>
    <message>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <source>（不填）</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <source>从纸质测评表补录时，取消勾选并填写测评时间</source>
        <translation>When keying a paper form later, untick and enter when it was filled in</translation>
    </message>
    <message>
        <source>保存后继续录入同一活动</source>
        <translation>Then key the next form of this activity</translation>
    </message>
    <message>
        <source>已录入一张测评表，请录入下一张</source>
        <translation>Form saved: key the next one</translation>
    </message>
</context>
<context>
    <name>ExcelExport</name>
    <message>
        <source>含完整身份证号、电话</source>
        <translation>full ID numbers and phone numbers</translation>
    </message>
    <message>
        <source>身份证号、电话已打码</source>
        <translation>ID numbers and phone numbers masked</translation>
    </message>
    <message>
        <source>已记入个人信息使用日志</source>
        <translation>recorded in the personal-data log</translation>
    </message>
    <message>
        <source>已导出 {rows} 行：{path}</source>
        <translation>Exported {rows} rows: {path}</translation>
    </message>
    <message>
        <source>（{notes}）</source>
        <translation> ({notes})</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>导出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <source>按当前的搜索、筛选和排序导出全部符合条件的记录；身份证号、电话默认打码，导出完整信息需确认并记入个人信息使用日志</source>
        <translation>Exports every record matching the current search, filters and sort order. ID numbers and phone numbers are masked by default; exporting them in full needs a confirmation and is recorded in the personal-data log</translation>
    </message>
    <message>
        <source>按当前的搜索、筛选和排序导出全部符合条件的记录</source>
        <translation>Exports every record matching the current search, filters and sort order</translation>
    </message>
    <message>
        <source>导出（身份证号、电话打码）</source>
        <translation>Export (ID and phone numbers masked)</translation>
    </message>
    <message>
        <source>导出完整信息…</source>
        <translation>Export with full personal data…</translation>
    </message>
    <message>
        <source>导出全部 {n} 条（身份证号、电话打码）</source>
        <translation>Export all {n} records (ID and phone numbers masked)</translation>
    </message>
    <message>
        <source>导出全部 {n} 条完整信息…</source>
        <translation>Export all {n} records with full personal data…</translation>
    </message>
    <message>
        <source>导出完整信息</source>
        <translation>Export full personal data</translation>
    </message>
    <message>
        <source>导出的表格将包含完整的身份证号码和电话号码。确定导出吗？</source>
        <translation>The exported workbook will contain complete ID numbers and phone numbers. Export it?</translation>
    </message>
    <message>
        <source>请仅在确有需要时导出，并妥善保管文件。本次导出将记入个人信息使用日志（操作人、时间、范围、人数）。</source>
        <translation>Only export this when it is really needed, and keep the file safe. The export is recorded in the personal-data log (operator, time, scope, number of people).</translation>
    </message>
    <message>
        <source>{title}_{date}.xlsx</source>
        <translation>{title}_{date}.xlsx</translation>
    </message>
    <message>
        <source>正在导出 Excel…</source>
        <translation>Exporting to Excel…</translation>
    </message>
    <message>
        <source>已取消导出，没有生成文件。</source>
        <translation>Export cancelled; no file was written.</translation>
    </message>
</context>
<context>
    <name>ExplanationDialog</name>
    <message>
        <source>工单 {code} 的计入说明</source>
        <translation>How order {code} counts</translation>
    </message>
    <message>
        <source>工单 {code} 为何这样计入</source>
        <translation>Why order {code} counts as it does</translation>
    </message>
    <message>
        <source>在工单页中打开</source>
        <translation>Open in Work orders</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ExportPanel</name>
    <message>
        <source>打开所在文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>三张清单（需求清单、供给清单、匹配清单）</source>
        <translation>The three lists (demands, supplies, matches)</translation>
    </message>
    <message>
        <source>季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>按县里的格式导出为一个 Excel 工作簿：需求、供给、匹配各一个工作表，带标题、乡镇和季度、合计。需求的提出人姓名属于个人信息，导出会记入个人信息使用日志。</source>
        <translation>Exported in the county&apos;s layout as one Excel workbook: one sheet each for demands, supplies and matches, with a title, the township and quarter, and totals. The names of the people who raised demands are personal data: the export is recorded in the personal-data log.</translation>
    </message>
    <message>
        <source>导出三张清单…</source>
        <translation>Export the three lists…</translation>
    </message>
    <message>
        <source>导出名册和列表</source>
        <translation>Exporting rosters and lists</translation>
    </message>
    <message>
        <source>居民、志愿者、工单、活动、联点单位和干部的列表右上方都有“导出 Excel”按钮：按列表当前的搜索、筛选和排序，导出全部符合条件的记录（不只是屏幕上显示的几页）。身份证号和电话默认打码；“导出完整信息”需要确认，并记入个人信息使用日志。导出的表头与导入模板一致，完整信息的导出可以直接导入另一本台账。</source>
        <translation>The lists of residents, volunteers, work orders, activities, paired units and cadres each have an “Export to Excel” button at the top right: it exports every record matching the list&apos;s current search, filters and sort order (not only the pages on screen). ID numbers and phone numbers are masked by default; exporting them in full needs a confirmation and is recorded in the personal-data log. The exported headers are those of the import templates, so a full export can be imported into another ledger.</translation>
    </message>
    <message>
        <source>居民</source>
        <translation>Residents</translation>
    </message>
    <message>
        <source>志愿者</source>
        <translation>Volunteers</translation>
    </message>
    <message>
        <source>工单</source>
        <translation>Work orders</translation>
    </message>
    <message>
        <source>活动与走访</source>
        <translation>Activities and visits</translation>
    </message>
    <message>
        <source>联点单位与干部</source>
        <translation>Paired units and cadres</translation>
    </message>
    <message>
        <source>本季度：需求 {d} 条，供给 {s} 条，匹配 {m} 条</source>
        <translation>This quarter: {d} demands, {s} supplies, {m} matches</translation>
    </message>
    <message>
        <source>台账中尚未建立乡镇（街道）。</source>
        <translation>The ledger has no township (street) yet.</translation>
    </message>
    <message>
        <source>{township}_{quarter}_三张清单.xlsx</source>
        <translation>{township}_{quarter}_three lists.xlsx</translation>
    </message>
    <message>
        <source>导出三张清单</source>
        <translation>Export the three lists</translation>
    </message>
    <message>
        <source>正在导出三张清单…</source>
        <translation>Exporting the three lists…</translation>
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
    <name>FundsBrowser</name>
    <message>
        <source>经费记录</source>
        <comment>noun</comment>
        <translation>fund entry</translation>
    </message>
    <message>
        <source>搜索用途、凭证号、村（社区）</source>
        <translation>Search purpose, voucher, community</translation>
    </message>
    <message>
        <source>{kind} {amount} 元（{community}）</source>
        <translation>{kind} of {amount} yuan ({community})</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>村（社区）</source>
        <translation>Community</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>金额（元）</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <source>用途</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>凭证号</source>
        <translation>Voucher no.</translation>
    </message>
    <message>
        <source>联点单位</source>
        <translation>Paired unit</translation>
    </message>
    <message>
        <source>全部村（社区）</source>
        <translation>All communities</translation>
    </message>
    <message>
        <source>拨付和支出</source>
        <translation>Allocations and expenses</translation>
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
        <source>经费年度</source>
        <translation>Fund year</translation>
    </message>
    <message>
        <source>支出必须填写用途</source>
        <translation>Required for an expense</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>经费来自或用于某个联点单位时选择</source>
        <translation>When the money comes from or goes to a paired unit</translation>
    </message>
    <message>
        <source>无拨付</source>
        <translation>nothing allocated</translation>
    </message>
    <message>
        <source>{n} 元</source>
        <translation>{n} yuan</translation>
    </message>
    <message>
        <source>人口未登记</source>
        <translation>population unknown</translation>
    </message>
    <message>
        <source>{year} 年 {scope}专项经费：</source>
        <translation>Special fund of {scope}, {year}: </translation>
    </message>
    <message>
        <source>拨付 {a} 元，支出 {b} 元；</source>
        <translation>allocated {a} yuan, spent {b} yuan; </translation>
    </message>
    <message>
        <source>使用率 </source>
        <translation>use rate </translation>
    </message>
    <message>
        <source>（目标 ≥ {t}）；</source>
        <translation> (target ≥ {t}); </translation>
    </message>
    <message>
        <source>人均拨付 </source>
        <translation>per resident </translation>
    </message>
    <message>
        <source>（目标 ≥ {t} 元，常住人口 {p} 人）</source>
        <translation> (target ≥ {t} yuan, {p} residents)</translation>
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
    <name>ImportPreview</name>
    <message>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <source>更新</source>
        <translation>Update</translation>
    </message>
    <message>
        <source>跳过</source>
        <translation>Skip</translation>
    </message>
    <message>
        <source>拒绝</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>更新台账中的“{matched}”：{changes}</source>
        <translation>Updates “{matched}” in the ledger: {changes}</translation>
    </message>
    <message>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>说明（问题所在的行和列）</source>
        <translation>Details (row and column of each problem)</translation>
    </message>
    <message>
        <source>确认导入之前，台账不会有任何改动。被拒绝的行不会导入：可保存拒绝清单发回村（社区），修改后直接导入修改后的文件。</source>
        <translation>Nothing in the ledger changes until you confirm the import. Refused rows are not imported: save the list of refused rows and send it back to the village (community); the corrected file can be imported as it is.</translation>
    </message>
    <message>
        <source>← 修改列对应</source>
        <translation>← Change columns</translation>
    </message>
    <message>
        <source>重新检查</source>
        <translation>Check again</translation>
    </message>
    <message>
        <source>按相同的设置重新读取文件并检查（文件或台账有改动时）</source>
        <translation>Read and check the file again with the same settings (when the file or the ledger has changed)</translation>
    </message>
    <message>
        <source>保存拒绝清单…</source>
        <translation>Save refused rows…</translation>
    </message>
    <message>
        <source>确认导入</source>
        <translation>Confirm import</translation>
    </message>
    <message>
        <source>{kind}：{file}，工作表“{sheet}”，第 {row} 行为表头，共 {total} 行数据</source>
        <translation>{kind}: {file}, sheet “{sheet}”, header in row {row}, {total} rows of data</translation>
    </message>
    <message>
        <source>全部 {n}</source>
        <translation>All {n}</translation>
    </message>
    <message>
        <source>{n} 行空行或重复表头已忽略</source>
        <translation>{n} blank or repeated header rows ignored</translation>
    </message>
    <message>
        <source>未导入的列：{columns}</source>
        <translation>Columns not imported: {columns}</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>确认导入（新增 {add} 条，更新 {update} 条）</source>
        <translation>Confirm import ({add} new, {update} updated)</translation>
    </message>
    <message>
        <source>没有可导入的行</source>
        <translation>No rows to import</translation>
    </message>
    <message>
        <source>{who}：{text}</source>
        <translation>{who}: {text}</translation>
    </message>
    <message>
        <source>第 {row} 行（{who}）：{text}</source>
        <translation>Row {row} ({who}): {text}</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>打开所在文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>台账中尚未建立乡镇（街道），请先建立或同步区划后再导入。</source>
        <translation>The ledger has no township (street) yet: create or sync the divisions before importing.</translation>
    </message>
    <message>
        <source>下载“{kind}”导入模板…</source>
        <translation>Download the “{kind}” template…</translation>
    </message>
    <message>
        <source>选择要导入的 Excel 文件</source>
        <translation>Choose the Excel file to import</translation>
    </message>
    <message>
        <source>表格文件 (*.xlsx *.xlsm *.xls *.et);;所有文件 (*)</source>
        <translation>Spreadsheets (*.xlsx *.xlsm *.xls *.et);;All files (*)</translation>
    </message>
    <message>
        <source>{kind}导入模板.xlsx</source>
        <translation>{kind} import template.xlsx</translation>
    </message>
    <message>
        <source>保存导入模板</source>
        <translation>Save the import template</translation>
    </message>
    <message>
        <source>已生成“{kind}”导入模板：{path}</source>
        <translation>“{kind}” import template written: {path}</translation>
    </message>
    <message>
        <source>正在生成模板…</source>
        <translation>Writing the template…</translation>
    </message>
    <message>
        <source>正在读取工作簿…</source>
        <translation>Reading the workbook…</translation>
    </message>
    <message>
        <source>请在上方选择表头所在的行，并在下表中指定各列对应的字段。</source>
        <translation>Choose the header row above, and the field of each column in the table below.</translation>
    </message>
    <message>
        <source>已按上次记住的列对应填好，请核对</source>
        <translation>Columns filled in as remembered from last time; please check</translation>
    </message>
    <message>
        <source>已自动识别两行表头（第 {a}–{b} 行）和各列，请核对</source>
        <translation>Two-row header (rows {a}–{b}) and columns recognised; please check</translation>
    </message>
    <message>
        <source>已自动识别表头和各列，请核对</source>
        <translation>Header and columns recognised; please check</translation>
    </message>
    <message>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>（不导入）</source>
        <translation>(not imported)</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>（按表中的村（社区）列）</source>
        <translation>(from the sheet&apos;s village column)</translation>
    </message>
    <message>
        <source>（按表中的季度列）</source>
        <translation>(from the sheet&apos;s quarter column)</translation>
    </message>
    <message>
        <source>（按表中的活动编号列）</source>
        <translation>(from the sheet&apos;s activity column)</translation>
    </message>
    <message>
        <source>“{field}”改为对应 {new} 列，{old} 列不再导入。</source>
        <translation>“{field}” now comes from column {new}; column {old} is no longer imported.</translation>
    </message>
    <message>
        <source>请在下表“导入为”中指定对应的列</source>
        <translation>Choose the column for it under “Import as” below</translation>
    </message>
    <message>
        <source>请在下表“导入为”中指定对应的列，或在右侧选项中统一指定</source>
        <translation>Choose the column for it under “Import as” below, or one value for every row in the options on the right</translation>
    </message>
    <message>
        <source>缺少必填列：{fields}。{hint}。</source>
        <translation>Required columns missing: {fields}. {hint}.</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>正在逐行检查…</source>
        <translation>Checking every row…</translation>
    </message>
    <message>
        <source>已取消检查，台账没有任何改动。</source>
        <translation>Check cancelled; nothing in the ledger changed.</translation>
    </message>
    <message>
        <source>{file}_拒绝清单.xlsx</source>
        <translation>{file}_refused rows.xlsx</translation>
    </message>
    <message>
        <source>保存拒绝清单</source>
        <translation>Save refused rows</translation>
    </message>
    <message>
        <source>已保存拒绝清单（{n} 行）：{path}。修改后可直接导入这个文件。</source>
        <translation>Refused rows saved ({n} rows): {path}. Once corrected, this file can be imported as it is.</translation>
    </message>
    <message>
        <source>正在保存拒绝清单…</source>
        <translation>Saving the refused rows…</translation>
    </message>
    <message>
        <source>正在写入台账…</source>
        <translation>Writing to the ledger…</translation>
    </message>
    <message>
        <source>已取消导入，台账没有任何改动。</source>
        <translation>Import cancelled; nothing in the ledger changed.</translation>
    </message>
    <message>
        <source>{kind}：新增 {added} 条，更新 {updated} 条；跳过 {skipped} 行，拒绝 {refused} 行。</source>
        <translation>{kind}: {added} added, {updated} updated; {skipped} rows skipped, {refused} refused.</translation>
    </message>
    <message>
        <source>被拒绝的 {n} 行没有导入。保存拒绝清单发回村（社区），修改后可直接导入修改后的文件。</source>
        <translation>The {n} refused rows were not imported. Save them and send them back to the village (community); the corrected file can be imported as it is.</translation>
    </message>
    <message>
        <source>所有行都已处理，没有被拒绝的行。</source>
        <translation>Every row was handled; none was refused.</translation>
    </message>
    <message>
        <source>查看{kind}</source>
        <translation>Show {kind}</translation>
    </message>
    <message>
        <source>导入完成。{summary}</source>
        <translation>Import done. {summary}</translation>
    </message>
    <message>
        <source>台账没有任何改动。可点击“重新检查”按台账现状再预览一次。</source>
        <translation>Nothing in the ledger changed. Click “Check again” to preview against the ledger as it is now.</translation>
    </message>
    <message>
        <source>居民名册</source>
        <translation>Residents roster</translation>
    </message>
    <message>
        <source>村（社区）报来的花名册：姓名、身份证号、电话、住址、特殊群体</source>
        <translation>A village&apos;s roster: name, ID number, phone, address, special groups</translation>
    </message>
    <message>
        <source>志愿者名册</source>
        <translation>Volunteer roster</translation>
    </message>
    <message>
        <source>志愿者登记表：姓名、证件号码、专业技能、服务类别</source>
        <translation>Volunteer registrations: name, ID number, skills, service categories</translation>
    </message>
    <message>
        <source>联点单位</source>
        <translation>Paired units</translation>
    </message>
    <message>
        <source>县直单位名单：单位名称、类型、联系人</source>
        <translation>County units: name, type, contact</translation>
    </message>
    <message>
        <source>联点干部与兼职顾问</source>
        <translation>Cadres and part-time advisors</translation>
    </message>
    <message>
        <source>干部名单：姓名、所属单位、联系村（社区）</source>
        <translation>Cadre list: name, unit, village (community)</translation>
    </message>
    <message>
        <source>需求清单</source>
        <translation>Demand list</translation>
    </message>
    <message>
        <source>各村（社区）上报的需求：类别、事项、紧急程度</source>
        <translation>Demands reported by villages: category, item, urgency</translation>
    </message>
    <message>
        <source>供给清单</source>
        <translation>Supply list</translation>
    </message>
    <message>
        <source>联点单位申报的供给：类型、名称、容量</source>
        <translation>Supplies declared by units: type, name, capacity</translation>
    </message>
    <message>
        <source>活动邀请名单</source>
        <translation>Activity invitations</translation>
    </message>
    <message>
        <source>要邀请参加某项活动的居民，导入后列入签到表</source>
        <translation>Residents to invite to an activity; they go onto its sign-in sheet</translation>
    </message>
    <message>
        <source>签到记录</source>
        <translation>Sign-in records</translation>
    </message>
    <message>
        <source>签到表的出席情况、签到时间、服务时长</source>
        <translation>Attendance from a sign-in sheet: present or not, time, hours</translation>
    </message>
    <message>
        <source>{year}年第{q}季度</source>
        <translation>Q{q} {year}</translation>
    </message>
    <message>
        <source>① 选择内容和文件</source>
        <translation>① Kind and file</translation>
    </message>
    <message>
        <source>② 核对表头和选项</source>
        <translation>② Columns and options</translation>
    </message>
    <message>
        <source>③ 预览检查结果</source>
        <translation>③ Preview</translation>
    </message>
    <message>
        <source>④ 完成</source>
        <translation>④ Done</translation>
    </message>
    <message>
        <source>{n} MB</source>
        <translation>{n} MB</translation>
    </message>
    <message>
        <source>{n} KB</source>
        <translation>{n} KB</translation>
    </message>
    <message>
        <source>导入什么</source>
        <translation>What to import</translation>
    </message>
    <message>
        <source>导入会怎样进行</source>
        <translation>How an import goes</translation>
    </message>
    <message>
        <source>1. 核对表头：系统自动找到表头所在的行，并把各列对应到台账的字段；认不出的列可以手动指定。</source>
        <translation>1. Columns: the header row is found and each column is matched to a ledger field; columns it does not recognise can be chosen by hand.</translation>
    </message>
    <message>
        <source>2. 逐行检查：每一行标出新增、更新、跳过或拒绝，被拒绝的行写明第几行、哪一列、什么问题。</source>
        <translation>2. Check: every row is marked new, update, skip or refused; a refused row says which row, which column and what is wrong.</translation>
    </message>
    <message>
        <source>3. 确认导入：检查和预览不会改动台账；点“确认导入”后一次写入，出错则全部不写入。</source>
        <translation>3. Confirm: checking and previewing change nothing; “Confirm import” writes everything at once, or nothing if anything fails.</translation>
    </message>
    <message>
        <source>4. 拒绝清单：有问题的行可以原样导出并附上原因，发回村（社区）修改后直接导入。</source>
        <translation>4. Refused rows: rows with problems can be saved as they were, with the reason, for the village to correct and send back.</translation>
    </message>
    <message>
        <source>哪个文件</source>
        <translation>Which file</translation>
    </message>
    <message>
        <source>选择或拖入 Excel 文件</source>
        <translation>Choose or drop an Excel file</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>支持 Excel、WPS 保存的 .xlsx 文件；也可以把文件直接拖到这个窗口。标题行、备注行、合并单元格、全角数字、各种日期写法都能识别，导入前会逐行检查并给出预览。</source>
        <translation>.xlsx files saved by Excel or WPS; you can also drop the file onto this window. Titles, notes, merged cells, full-width digits and any date spelling are understood; every row is checked and previewed before anything is imported.</translation>
    </message>
    <message>
        <source>没有现成的表格？</source>
        <translation>No spreadsheet yet?</translation>
    </message>
    <message>
        <source>下载导入模板发给村（社区）填写：表头、填表说明，以及本乡镇村（社区）、联点单位的下拉选项。</source>
        <translation>Download an import template for villages to fill in: headers, instructions, and drop-down lists of the township&apos;s villages and paired units.</translation>
    </message>
    <message>
        <source>下载导入模板…</source>
        <translation>Download the import template…</translation>
    </message>
    <message>
        <source>下一步：核对表头 →</source>
        <translation>Next: check columns →</translation>
    </message>
    <message>
        <source>找不到这个文件</source>
        <translation>File not found</translation>
    </message>
    <message>
        <source>{size}，修改于 {changed}；所在文件夹：{folder}</source>
        <translation>{size}, modified {changed}; folder: {folder}</translation>
    </message>
    <message>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>表头所在行</source>
        <translation>Header row</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Col.</translation>
    </message>
    <message>
        <source>表格中的表头</source>
        <translation>Header in the file</translation>
    </message>
    <message>
        <source>导入为</source>
        <translation>Import as</translation>
    </message>
    <message>
        <source>前几行的内容</source>
        <translation>First rows</translation>
    </message>
    <message>
        <source>导入选项</source>
        <translation>Options</translation>
    </message>
    <message>
        <source>表中没有村（社区）列时，全部记入：</source>
        <translation>If the sheet has no village column, every row belongs to:</translation>
    </message>
    <message>
        <source>表中没有活动编号列时，全部记入活动：</source>
        <translation>If the sheet has no activity column, every row belongs to:</translation>
    </message>
    <message>
        <source>表中没有季度列时，全部记入：</source>
        <translation>If the sheet has no quarter column, every row belongs to:</translation>
    </message>
    <message>
        <source>台账中已有的记录（同一身份证号、编号或名称）：</source>
        <translation>Records already in the ledger (same ID number, code or name):</translation>
    </message>
    <message>
        <source>跳过，保留台账中的</source>
        <translation>Skip them, keep the ledger&apos;s</translation>
    </message>
    <message>
        <source>用表格中的内容更新</source>
        <translation>Update them from the file</translation>
    </message>
    <message>
        <source>记住这种表格的列对应</source>
        <translation>Remember these columns for this layout</translation>
    </message>
    <message>
        <source>改动了列对应时，导入后记住：下次导入表头相同的表格（包括修改后的拒绝清单）会自动使用。</source>
        <translation>When you changed the columns, they are remembered after the import: the next file with the same header (a corrected list of refused rows too) uses them automatically.</translation>
    </message>
    <message>
        <source>带 * 的字段必须有对应的列（或在上面统一指定）。</source>
        <translation>Fields marked * need a column (or one value given above).</translation>
    </message>
    <message>
        <source>← 上一步</source>
        <translation>← Back</translation>
    </message>
    <message>
        <source>检查并预览 →</source>
        <translation>Check and preview →</translation>
    </message>
    <message>
        <source>✓ 导入完成</source>
        <translation>✓ Import done</translation>
    </message>
    <message>
        <source>保存拒绝清单…</source>
        <translation>Save refused rows…</translation>
    </message>
    <message>
        <source>导入下一个文件</source>
        <translation>Import another file</translation>
    </message>
</context>
<context>
    <name>InspectionPicker</name>
    <message>
        <source>全乡镇（街道）</source>
        <translation>Whole township</translation>
    </message>
    <message>
        <source>一个村（社区）</source>
        <translation>One community</translation>
    </message>
    <message>
        <source>一个联点单位</source>
        <translation>One paired unit</translation>
    </message>
    <message>
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>全年</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>起止日期</source>
        <translation>Date range</translation>
    </message>
    <message>
        <source>第 {n} 季度</source>
        <translation>Q{n}</translation>
    </message>
    <message>
        <source>{n} 月</source>
        <translation>Month {n}</translation>
    </message>
    <message>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>起止</source>
        <translation>From – to</translation>
    </message>
    <message>
        <source>督查材料含封面、目录、台账概况、指标及目标、工单办理过程、活动签到、测评结果和志愿服务，均取自台账；页数多时在后台生成，可随时取消。</source>
        <translation>The inspection PDF has a cover, contents, the ledger summary, the figures against their targets, work orders with their timelines, activity attendance, evaluation results and volunteer service, all read from the ledger; a long one is built in the background and can be cancelled.</translation>
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
    <name>KeyedFormsModel</name>
    <message>
        <source>份号</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>意见和建议</source>
        <translation>Comments</translation>
    </message>
    <message>
        <source>核对</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>{n} 总体评价</source>
        <translation>{n} Overall</translation>
    </message>
    <message>
        <source>{n} 解决情况</source>
        <translation>{n} Resolved?</translation>
    </message>
    <message>
        <source>已录入</source>
        <translation>Keyed before</translation>
    </message>
</context>
<context>
    <name>KeyedSheetModel</name>
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
        <translation>Attended</translation>
    </message>
    <message>
        <source>时长（小时）</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>核对</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>✓ 现场加入</source>
        <translation>✓ Walk-in</translation>
    </message>
    <message>
        <source>✓ 到</source>
        <translation>✓ Present</translation>
    </message>
    <message>
        <source>✗ 缺</source>
        <translation>✗ Absent</translation>
    </message>
    <message>
        <source>空白行</source>
        <translation>Blank row</translation>
    </message>
    <message>
        <source>未录</source>
        <translation>Not keyed</translation>
    </message>
    <message>
        <source>—— 第 {page} 页 / 共 {pages} 页 ——</source>
        <translation>—— Page {page} of {pages} ——</translation>
    </message>
</context>
<context>
    <name>KeyingPanel</name>
    <message>
        <source>表上的编号</source>
        <translation>Code on the form</translation>
    </message>
    <message>
        <source>输入表上印的活动或工单编号（如 HD7K3M9Q、GD4N2P8R），或粘贴二维码内容</source>
        <translation>Type the activity or work-order code printed on the form (e.g. HD7K3M9Q, GD4N2P8R), or paste the QR code&apos;s content</translation>
    </message>
    <message>
        <source>签到表</source>
        <translation>Sign-in sheet</translation>
    </message>
    <message>
        <source>测评表</source>
        <translation>Evaluation forms</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>录回纸质表：输入签到表或测评表上印的编号（或用扫码枪扫右上角的二维码），按回车打开。
打开后屏幕上的行与纸面一一对应：同样的顺序、同样的行号、同样的分页。录完按“保存”一次写入；有任何一行需要核对时，问题写在该行旁边，整批都不会写入。</source>
        <translation>Key a paper form back in: type the code printed on the sign-in sheet or evaluation form (or scan the QR code at its top right) and press Enter.
The rows on screen match the paper one for one: same order, same row codes, same page breaks. Save writes everything at once; if any row needs checking, the problem is shown beside it and nothing of the batch is written.</translation>
    </message>
    <message>
        <source>放弃本次录入</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>一次写入全部录入（Ctrl+S）</source>
        <translation>Write everything keyed at once (Ctrl+S)</translation>
    </message>
    <message>
        <source>请输入表上印的编号或二维码内容。</source>
        <translation>Type the code printed on the form or the QR code&apos;s content.</translation>
    </message>
    <message>
        <source>放弃未保存的录入</source>
        <translation>Discard unsaved keying</translation>
    </message>
    <message>
        <source>当前的表还有未保存的录入，打开另一张表会放弃这些录入。确定吗？</source>
        <translation>This form has keying not saved yet; opening another form discards it. Continue?</translation>
    </message>
    <message>
        <source>放弃并打开</source>
        <translation>Discard and open</translation>
    </message>
    <message>
        <source>放弃这张表上还没有保存的录入吗？台账中已保存的内容不受影响。</source>
        <translation>Discard what was keyed on this form since the last save? What is saved in the ledger stays as it is.</translation>
    </message>
    <message>
        <source>放弃录入</source>
        <translation>Discard</translation>
    </message>
    <message>
        <source>有 {n} 处需要核对，本次录入均未保存；问题写在对应行的“核对”栏。</source>
        <translation>{n} thing(s) need checking; nothing was saved. Each problem is in the Check column of its row.</translation>
    </message>
    <message>
        <source>已保存签到表：到 {present} 人，缺 {absent} 人，现场加入 {walk} 人</source>
        <translation>Sign-in sheet saved: {present} present, {absent} absent, {walk} walk-ins</translation>
    </message>
    <message>
        <source>，登记服务时长 {n} 人共 {hours} 小时</source>
        <translation>; hours for {n} people, {hours} in all</translation>
    </message>
    <message>
        <source>计入志愿服务记录</source>
        <translation>Add to volunteer records</translation>
    </message>
    <message>
        <source>把这张签到表上登记的服务时长计入各志愿者的志愿服务记录（并按规则积分）吗？</source>
        <translation>Add the hours on this sheet to each volunteer&apos;s service record (and award points by the rules)?</translation>
    </message>
    <message>
        <source>已经计入过的人员会跳过，可以在更正后再次计入。</source>
        <translation>People already added are skipped, so this can be run again after a correction.</translation>
    </message>
    <message>
        <source>已计入 {n} 人的志愿服务记录，跳过已计入的 {skipped} 人。</source>
        <translation>Added to {n} volunteers&apos; records; {skipped} already added were skipped.</translation>
    </message>
    <message>
        <source>已保存 {n} 份测评表。</source>
        <translation>{n} evaluation form(s) saved.</translation>
    </message>
</context>
<context>
    <name>KpiAssessment</name>
    <message>
        <source>红榜</source>
        <translation>Red</translation>
    </message>
    <message>
        <source>黄榜</source>
        <translation>Yellow</translation>
    </message>
    <message>
        <source>黑榜</source>
        <translation>Black</translation>
    </message>
    <message>
        <source>过程考核</source>
        <translation>Process</translation>
    </message>
    <message>
        <source>结果考核</source>
        <translation>Results</translation>
    </message>
    <message>
        <source>创新加分</source>
        <translation>Innovation</translation>
    </message>
</context>
<context>
    <name>KpiDashboard</name>
    <message>
        <source>响应率、解决率、满意率</source>
        <translation>Response, resolution and satisfaction rates</translation>
    </message>
</context>
<context>
    <name>KpiFigure</name>
    <message>
        <source>收到工单（点单）</source>
        <translation>Orders received</translation>
    </message>
    <message>
        <source>派出工单</source>
        <translation>Orders dispatched</translation>
    </message>
    <message>
        <source>其中已撤回</source>
        <translation>of which withdrawn</translation>
    </message>
    <message>
        <source>其中无效</source>
        <translation>of which invalid</translation>
    </message>
    <message>
        <source>待定（未联系、未到时限）</source>
        <translation>Pending (not contacted, not yet due)</translation>
    </message>
    <message>
        <source>响应率</source>
        <translation>Response rate</translation>
    </message>
    <message>
        <source>超时未联系</source>
        <translation>Overdue, not contacted</translation>
    </message>
    <message>
        <source>平均响应时长</source>
        <translation>Mean response time</translation>
    </message>
    <message>
        <source>已评价工单</source>
        <translation>Orders evaluated</translation>
    </message>
    <message>
        <source>已撤回或无效工单的测评</source>
        <translation>Evaluations of withdrawn or invalid orders</translation>
    </message>
    <message>
        <source>解决率</source>
        <translation>Resolution rate</translation>
    </message>
    <message>
        <source>满意率</source>
        <translation>Satisfaction rate</translation>
    </message>
    <message>
        <source>评价率</source>
        <translation>Evaluation rate</translation>
    </message>
    <message>
        <source>第三方测评满意率</source>
        <translation>Third-party satisfaction</translation>
    </message>
    <message>
        <source>活动满意率</source>
        <translation>Activity satisfaction</translation>
    </message>
    <message>
        <source>结对覆盖率</source>
        <translation>Pairing coverage</translation>
    </message>
    <message>
        <source>每村（社区）联点单位数</source>
        <translation>Units per community</translation>
    </message>
    <message>
        <source>重点社区双联点率</source>
        <translation>Key comms. with 2 units</translation>
    </message>
    <message>
        <source>特殊群体服务覆盖率</source>
        <translation>Special groups</translation>
    </message>
    <message>
        <source>志愿者占常住人口比例</source>
        <translation>Volunteer share</translation>
    </message>
    <message>
        <source>人均参与活动次数</source>
        <translation>Attendance/resident</translation>
    </message>
    <message>
        <source>经常参与居民占比</source>
        <translation>Frequent participants</translation>
    </message>
    <message>
        <source>服务频次达标度</source>
        <translation>Service frequency</translation>
    </message>
    <message>
        <source>服务频次达标率</source>
        <translation>Services at frequency</translation>
    </message>
    <message>
        <source>人均蹲点天数</source>
        <translation>Cadre days</translation>
    </message>
    <message>
        <source>蹲点达标率</source>
        <translation>Cadres at target</translation>
    </message>
    <message>
        <source>人均培训时长</source>
        <translation>Training hours</translation>
    </message>
    <message>
        <source>培训达标率</source>
        <translation>Trained to target</translation>
    </message>
    <message>
        <source>拨付经费</source>
        <translation>Funds allocated</translation>
    </message>
    <message>
        <source>支出经费</source>
        <translation>Funds spent</translation>
    </message>
    <message>
        <source>经费使用率</source>
        <translation>Fund use rate</translation>
    </message>
    <message>
        <source>人均拨付经费</source>
        <translation>Funds/resident</translation>
    </message>
    <message>
        <source>服务频次</source>
        <translation>Service frequency</translation>
    </message>
    <message>
        <source>响应速度</source>
        <translation>Response speed</translation>
    </message>
    <message>
        <source>台账完整</source>
        <translation>Ledger completeness</translation>
    </message>
    <message>
        <source>会议出席</source>
        <translation>Meetings attended</translation>
    </message>
    <message>
        <source>蹲点天数</source>
        <translation>Cadre days</translation>
    </message>
    <message>
        <source>培训时长</source>
        <translation>Training hours</translation>
    </message>
    <message>
        <source>第三方测评</source>
        <translation>Third-party evaluation</translation>
    </message>
    <message>
        <source>创新加分</source>
        <translation>Innovation</translation>
    </message>
    <message>
        <source>闭环工单</source>
        <translation>Closed loop</translation>
    </message>
    <message>
        <source>结对覆盖</source>
        <translation>Pairing</translation>
    </message>
    <message>
        <source>群众参与</source>
        <translation>Participation</translation>
    </message>
    <message>
        <source>队伍建设</source>
        <translation>Workforce</translation>
    </message>
    <message>
        <source>经费保障</source>
        <translation>Funds</translation>
    </message>
    <message>
        <source>无数据</source>
        <translation>No data</translation>
    </message>
    <message>
        <source>{n} 小时</source>
        <translation>{n} h</translation>
    </message>
    <message>
        <source>{n} 天</source>
        <translation>{n} days</translation>
    </message>
    <message>
        <source>{n} 次</source>
        <translation>{n} times</translation>
    </message>
    <message>
        <source>{n} 元</source>
        <translation>¥{n}</translation>
    </message>
    <message>
        <source>达标</source>
        <translation>met</translation>
    </message>
    <message>
        <source>未达标</source>
        <translation>missed</translation>
    </message>
</context>
<context>
    <name>KpiRecords</name>
    <message>
        <source>计入分子</source>
        <translation>In the numerator</translation>
    </message>
    <message>
        <source>仅计入分母</source>
        <translation>Denominator only</translation>
    </message>
    <message>
        <source>计入合计</source>
        <translation>In the total</translation>
    </message>
    <message>
        <source>不计入（单列）</source>
        <translation>Left out (shown apart)</translation>
    </message>
    <message>
        <source>待定（暂不计入）</source>
        <translation>Pending (not counted yet)</translation>
    </message>
    <message>
        <source>{label}：{value}</source>
        <translation>{label}: {value}</translation>
    </message>
    <message>
        <source>（目标 {target}{verdict}）</source>
        <translation> (target {target}{verdict})</translation>
    </message>
    <message>
        <source>= {ratio}</source>
        <translation>= {ratio}</translation>
    </message>
    <message>
        <source>口径：{text}</source>
        <translation>Definition: {text}</translation>
    </message>
    <message>
        <source>目标依据：{text}</source>
        <translation>Target basis: {text}</translation>
    </message>
    <message>
        <source>说明：{text}</source>
        <translation>Note: {text}</translation>
    </message>
    <message>
        <source>{label}的依据记录</source>
        <translation>Records behind {label}</translation>
    </message>
    <message>
        <source>{where} · {title}</source>
        <translation>{where} · {title}</translation>
    </message>
</context>
<context>
    <name>KpiScreen</name>
    <message>
        <source>指标看板</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>月度考核</source>
        <translation>Monthly assessment</translation>
    </message>
    <message>
        <source>考核指标</source>
        <translation>KPIs</translation>
    </message>
</context>
<context>
    <name>Lists</name>
    <message>
        <source>{year} 年第 {q} 季度</source>
        <translation>Q{q} {year}</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>ListsScreen</name>
    <message>
        <source>三张清单与对接会</source>
        <translation>Three lists &amp; meetings</translation>
    </message>
    <message>
        <source>需求清单、供给清单按季度登记；供需对接会上由系统推荐、会议确认，确认的匹配可直接转为工单。</source>
        <translation>Demands and supplies are listed by quarter; at the supply–demand meeting the app proposes and the meeting decides. A confirmed match becomes a work order in one step.</translation>
    </message>
    <message>
        <source>需求清单</source>
        <translation>Demands</translation>
    </message>
    <message>
        <source>供给清单</source>
        <translation>Supplies</translation>
    </message>
    <message>
        <source>供需对接会</source>
        <translation>Supply–demand meeting</translation>
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
    <name>Meeting</name>
    <message>
        <source>正在计算匹配建议…</source>
        <translation>Computing proposals…</translation>
    </message>
    <message>
        <source>正在保存 {n} 条建议…</source>
        <translation>Saving {n} proposals…</translation>
    </message>
</context>
<context>
    <name>MeetingPanel</name>
    <message>
        <source>对接季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>生成建议</source>
        <translation>Propose matches</translation>
    </message>
    <message>
        <source>按类别、剩余容量、结对关系、距离、紧急程度和特殊群体为本季度待对接需求推荐供给</source>
        <translation>Propose supplies for the quarter&apos;s open demands by category, capacity left, pairing, distance, urgency and special groups</translation>
    </message>
    <message>
        <source>匹配建议（待会议决定）</source>
        <translation>Proposals (for the meeting to decide)</translation>
    </message>
    <message>
        <source>确认匹配</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>否决</source>
        <translation>Reject</translation>
    </message>
    <message>
        <source>在建议中查找</source>
        <translation>Find in proposals</translation>
    </message>
    <message>
        <source>已确认的匹配（匹配清单）</source>
        <translation>Confirmed matches (the matching list)</translation>
    </message>
    <message>
        <source>{quarter}：待对接需求 {open} 项，其中 {with_} 项有待决定的建议（共 {n} 条）</source>
        <translation>{quarter}: {open} open demands, {with_} of them with proposals to decide ({n} in all)</translation>
    </message>
    <message>
        <source>本季度没有待决定的建议。点击“生成建议”，为待对接的需求推荐供给。</source>
        <translation>No proposals to decide this quarter. Click “Propose matches” to propose supplies for the open demands.</translation>
    </message>
    <message>
        <source>本季度没有待对接的需求。</source>
        <translation>No open demands this quarter.</translation>
    </message>
    <message>
        <source>重新生成建议</source>
        <translation>Propose again</translation>
    </message>
    <message>
        <source>本季度还有 {n} 条建议尚未决定，重新生成将替换这些建议。继续吗？</source>
        <translation>{n} proposals of this quarter are still undecided; proposing again replaces them. Continue?</translation>
    </message>
    <message>
        <source>重新生成</source>
        <translation>Propose again</translation>
    </message>
    <message>
        <source>已确认或已否决的匹配不受影响；已否决的组合不会再被推荐。</source>
        <translation>Confirmed and rejected matches stay as they are; a rejected pair is not proposed again.</translation>
    </message>
    <message>
        <source>已生成 {n} 条匹配建议</source>
        <translation>{n} proposals made</translation>
    </message>
    <message>
        <source>已取消生成，原有建议保持不变</source>
        <translation>Cancelled: the earlier proposals are unchanged</translation>
    </message>
    <message>
        <source>正在生成匹配建议</source>
        <translation>Proposing matches</translation>
    </message>
    <message>
        <source>分配数量（{unit}）</source>
        <translation>Allocated ({unit})</translation>
    </message>
    <message>
        <source>不填为 1 {unit}</source>
        <translation>empty: 1 {unit}</translation>
    </message>
    <message>
        <source>“{supply}”剩余 {left}</source>
        <translation>“{supply}” has {left} left</translation>
    </message>
    <message>
        <source>对接会</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>（不关联活动）</source>
        <translation>(not recorded at a meeting)</translation>
    </message>
    <message>
        <source>确认匹配：{demand}</source>
        <translation>Confirm: {demand}</translation>
    </message>
    <message>
        <source>需求：{demand}
供给：{supply}（{unit}）</source>
        <translation>Demand: {demand}
Supply: {supply} ({unit})</translation>
    </message>
    <message>
        <source>已确认匹配：{demand}</source>
        <translation>Confirmed: {demand}</translation>
    </message>
    <message>
        <source>否决建议：{demand}</source>
        <translation>Reject proposal: {demand}</translation>
    </message>
    <message>
        <source>否决理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>否决后，该需求与“{supply}”不会再被推荐。</source>
        <translation>Once rejected, this demand and “{supply}” are not proposed together again.</translation>
    </message>
    <message>
        <source>已否决建议</source>
        <translation>Proposal rejected</translation>
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
        <source>考核指标</source>
        <translation>KPIs</translation>
    </message>
    <message>
        <source>打印与录回</source>
        <translation>Print &amp; key back</translation>
    </message>
    <message>
        <source>导入与导出</source>
        <translation>Import &amp; export</translation>
    </message>
    <message>
        <source>数据同步</source>
        <translation>Sync</translation>
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
    <name>OrderPicker</name>
    <message>
        <source>点单时间</source>
        <translation>Raised</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>搜索事项、编号、点单人</source>
        <translation>Search matter, code, requester</translation>
    </message>
    <message>
        <source>待评单（已办结）</source>
        <translation>Awaiting rating (resolved)</translation>
    </message>
    <message>
        <source>全部工单</source>
        <translation>All work orders</translation>
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
        <source>打印测评表</source>
        <translation>Print evaluation form</translation>
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
    <name>PaperScreen</name>
    <message>
        <source>打印与录回</source>
        <translation>Print &amp; key back</translation>
    </message>
    <message>
        <source>打印签到表、测评表、匹配清单和督查材料；把填好的纸质表按表上的编号录回台账。</source>
        <translation>Print sign-in sheets, evaluation forms, the matching list and inspection PDFs; key filled-in paper forms back into the ledger by the code printed on them.</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>录回纸质表</source>
        <translation>Key in paper forms</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>上一页（PgUp）</source>
        <translation>Previous page (PgUp)</translation>
    </message>
    <message>
        <source>下一页（PgDn）</source>
        <translation>Next page (PgDn)</translation>
    </message>
    <message>
        <source>缩小（Ctrl+-）</source>
        <translation>Zoom out (Ctrl+-)</translation>
    </message>
    <message>
        <source>放大（Ctrl+=）</source>
        <translation>Zoom in (Ctrl+=)</translation>
    </message>
    <message>
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <source>整页</source>
        <translation>Whole page</translation>
    </message>
    <message>
        <source>还没有预览</source>
        <translation>Nothing previewed yet</translation>
    </message>
    <message>
        <source>/ {n} 页</source>
        <translation>of {n}</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <source>月度</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>期间类型</source>
        <translation>Kind of period</translation>
    </message>
    <message>
        <source>期间</source>
        <translation>Period</translation>
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
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>{y} 年 {m} 月</source>
        <translation>{y}-{m:02d}</translation>
    </message>
    <message>
        <source>{y} 年第 {q} 季度</source>
        <translation>{y} Q{q}</translation>
    </message>
    <message>
        <source>{y} 年</source>
        <translation>{y}</translation>
    </message>
    <message>
        <source>{start} 至 {end}</source>
        <translation>{start} to {end}</translation>
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
    <name>PrintBackend</name>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
</context>
<context>
    <name>PrintPanel</name>
    <message>
        <source>打印什么</source>
        <translation>What to print</translation>
    </message>
    <message>
        <source>签到表</source>
        <translation>Sign-in sheet</translation>
    </message>
    <message>
        <source>志愿服务签到表（含时长）</source>
        <translation>Volunteer sheet (hours)</translation>
    </message>
    <message>
        <source>测评表（活动）</source>
        <translation>Evaluation (activity)</translation>
    </message>
    <message>
        <source>测评表（工单）</source>
        <translation>Evaluation (work order)</translation>
    </message>
    <message>
        <source>匹配清单（对接会）</source>
        <translation>Matching list (meeting)</translation>
    </message>
    <message>
        <source>督查材料</source>
        <translation>Inspection PDF</translation>
    </message>
    <message>
        <source>末尾空白行</source>
        <translation>Blank rows at the end</translation>
    </message>
    <message>
        <source>按表单</source>
        <translation>As the form says</translation>
    </message>
    <message>
        <source>留给现场加入人员的空白行（至少这么多，并补满最后一页）</source>
        <translation>Blank rows for walk-ins (at least this many; the last page is filled up)</translation>
    </message>
    <message>
        <source>份数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>按到场人数</source>
        <translation>One per attendee</translation>
    </message>
    <message>
        <source>每位居民一页；默认按签到表上到场的人数</source>
        <translation>One page per resident; by default as many as came according to the sign-in sheet</translation>
    </message>
    <message>
        <source>哪一份</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>内部留存（掩码）</source>
        <translation>Internal (masked)</translation>
    </message>
    <message>
        <source>身份证号只印前 6 位和后 4 位，电话中间 4 位掩码</source>
        <translation>ID numbers show only the first 6 and last 4 characters; phones hide the middle 4 digits</translation>
    </message>
    <message>
        <source>公开张贴</source>
        <translation>For posting</translation>
    </message>
    <message>
        <source>进一步掩码，不印健康、残疾、低保特困等敏感栏目和住址</source>
        <translation>Masked further; no health, disability, subsistence-allowance columns or addresses</translation>
    </message>
    <message>
        <source>完整信息（不掩码）</source>
        <translation>Full details (unmasked)</translation>
    </message>
    <message>
        <source>印完整的身份证号和电话，只供内部留存；会记入使用记录</source>
        <translation>Prints full ID numbers and phones, for internal files only; it is logged</translation>
    </message>
    <message>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>生成并预览（F5）</source>
        <translation>Build and preview (F5)</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>选择打印机后按原大（100%）打印在 A4 纸上（Ctrl+P）</source>
        <translation>Choose a printer; prints at actual size (100 %) on A4 (Ctrl+P)</translation>
    </message>
    <message>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>测评表不记名，不印任何个人信息。</source>
        <translation>Evaluation forms are anonymous: no personal data is printed.</translation>
    </message>
    <message>
        <source>本材料不印身份证号和电话，没有完整信息版。</source>
        <translation>No ID numbers or phones are printed on this, so there is no unmasked copy.</translation>
    </message>
    <message>
        <source>完整信息版</source>
        <translation>Unmasked copy</translation>
    </message>
    <message>
        <source>完整信息版会印出完整的身份证号码和电话号码，只供内部留存，不得张贴或外传。</source>
        <translation>The unmasked copy prints full ID numbers and phone numbers. It is for internal files only and must not be posted or passed on.</translation>
    </message>
    <message>
        <source>使用完整信息版</source>
        <translation>Use the unmasked copy</translation>
    </message>
    <message>
        <source>每次打印或另存为 PDF 都会记入个人信息使用记录（操作人、时间、内容、人数、是否掩码），县里可以查阅。确定使用完整信息版吗？</source>
        <translation>Every print or PDF of it is logged in the personal-data log (operator, time, what, how many people, masked or not), which the county can read. Use the unmasked copy?</translation>
    </message>
    <message>
        <source>完整信息版：打印或另存都会记入个人信息使用记录。</source>
        <translation>Unmasked copy: every print or PDF is logged in the personal-data log.</translation>
    </message>
    <message>
        <source>公开张贴版：身份证号只留首尾 2 位，不印敏感栏目。</source>
        <translation>Copy for posting: ID numbers keep only the first and last 2 characters; no sensitive columns.</translation>
    </message>
    <message>
        <source>每次打印或另存含个人信息的表都会记入使用记录。</source>
        <translation>Every print or PDF with personal data on it is logged.</translation>
    </message>
    <message>
        <source>请先在列表中选择一项活动。</source>
        <translation>Choose an activity in the list first.</translation>
    </message>
    <message>
        <source>请先在列表中选择一张工单。</source>
        <translation>Choose a work order in the list first.</translation>
    </message>
    <message>
        <source>请选择村（社区）或联点单位。</source>
        <translation>Choose a community or a paired unit.</translation>
    </message>
    <message>
        <source>选择已更改：按“预览”重新生成（右侧仍是上一次的预览）。</source>
        <translation>The choice changed: press Preview to build it (the preview shows the previous choice).</translation>
    </message>
    <message>
        <source>台账已有变动：打印或另存前会重新生成（右侧是变动前的预览）。</source>
        <translation>The ledger changed: it is built again before printing or saving (the preview shows it as before).</translation>
    </message>
    <message>
        <source>正在生成督查材料…</source>
        <translation>Building the inspection PDF…</translation>
    </message>
    <message>
        <source>正在生成 PDF…</source>
        <translation>Building the PDF…</translation>
    </message>
    <message>
        <source>这是完整信息版：身份证号和电话未掩码，打印或另存都会记入个人信息使用记录。</source>
        <translation>This is the unmasked copy: ID numbers and phones are shown in full; printing or saving it is logged in the personal-data log.</translation>
    </message>
    <message>
        <source>没有生成：有名字中的字无法打印，见提示。</source>
        <translation>Not built: some names have characters that cannot be printed (see the message).</translation>
    </message>
    <message>
        <source>已取消生成。</source>
        <translation>Building was cancelled.</translation>
    </message>
    <message>
        <source>已取消生成 PDF</source>
        <translation>PDF building cancelled</translation>
    </message>
    <message>
        <source>{what} · {scope} · {pages} 页</source>
        <translation>{what} · {scope} · {pages} page(s)</translation>
    </message>
    <message>
        <source>含 {n} 人的个人信息：{fields}</source>
        <translation>Personal data of {n} people: {fields}</translation>
    </message>
    <message>
        <source>已发送到打印机“{printer}”：{n} 页</source>
        <translation>Sent to printer “{printer}”: {n} page(s)</translation>
    </message>
    <message>
        <source>；已记入个人信息使用记录</source>
        <translation>; logged in the personal-data log</translation>
    </message>
    <message>
        <source>正在发送到打印机…</source>
        <translation>Sending to the printer…</translation>
    </message>
    <message>
        <source>已取消打印，没有页被打印。</source>
        <translation>Printing cancelled; no page was printed.</translation>
    </message>
    <message>
        <source>没有打印：{why}</source>
        <translation>Not printed: {why}</translation>
    </message>
    <message>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>已保存：{path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <source>（已记入个人信息使用记录）</source>
        <translation> (logged in the personal-data log)</translation>
    </message>
    <message>
        <source>没有保存：{why}</source>
        <translation>Not saved: {why}</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>无法读取要打印的文件</source>
        <translation>The document to print cannot be read</translation>
    </message>
    <message>
        <source>没有要打印的页</source>
        <translation>No pages to print</translation>
    </message>
    <message>
        <source>打印机没有接受打印任务，请检查打印机是否已连接</source>
        <translation>The printer did not accept the job; check that it is connected</translation>
    </message>
    <message>
        <source>第 {n} / {total} 页</source>
        <translation>Page {n} of {total}</translation>
    </message>
    <message>
        <source>打印任务没有完成</source>
        <translation>The print job did not finish</translation>
    </message>
    <message>
        <source>{what}“{text}”：{chars}</source>
        <translation>{what} “{text}”: {chars}</translation>
    </message>
    <message>
        <source>……另有 {n} 处</source>
        <translation>…and {n} more</translation>
    </message>
    <message>
        <source>有字无法打印</source>
        <translation>Characters that cannot be printed</translation>
    </message>
    <message>
        <source>以下 {n} 处文字含有程序自带字库中没有的字，打印出来会是空白，因此没有生成，也没有打印。</source>
        <translation>These {n} texts contain characters the bundled fonts do not have; they would print blank, so nothing was built or printed.</translation>
    </message>
    <message>
        <source>请核对这些字：可在居民或志愿者信息中改用规范汉字（原字写在备注里），或手写补在纸上后再打印。</source>
        <translation>Check these characters: use the standard character in the resident&apos;s or volunteer&apos;s record (with the original in the notes), or write it in by hand on the paper, then print again.</translation>
    </message>
    <message>
        <source>知道了</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>ProposalTree</name>
    <message>
        <source>需求 / 候选供给</source>
        <translation>Demand / candidate supply</translation>
    </message>
    <message>
        <source>村（社区）/ 提供单位</source>
        <translation>Offered by</translation>
    </message>
    <message>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>剩余容量</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>说明 / 匹配理由</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>受益 {n} 人</source>
        <translation>{n} beneficiaries</translation>
    </message>
    <message>
        <source>{n} 个候选</source>
        <translation>{n} candidates</translation>
    </message>
</context>
<context>
    <name>QuarterPicker</name>
    <message>
        <source>第 {n} 季度</source>
        <translation>Q{n}</translation>
    </message>
    <message>
        <source>季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>列出本季度所有待对接和已匹配的需求及匹配建议，供供需对接会逐条勾选“同意”或“否决”。</source>
        <translation>Lists every open and matched demand of the quarter with its proposed matches, for the supply–demand meeting to tick Agree or Reject line by line.</translation>
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
    <name>RecordsDialog</name>
    <message>
        <source>搜索编号或原因</source>
        <translation>Search code or reason</translation>
    </message>
    <message>
        <source>正在读取记录…</source>
        <translation>Reading the records…</translation>
    </message>
    <message>
        <source>计入方式</source>
        <translation>Counts as</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>双击工单查看其计入说明。</source>
        <translation>Double-click an order to see how it counts.</translation>
    </message>
    <message>
        <source>查看计入说明</source>
        <translation>How it counts</translation>
    </message>
    <message>
        <source>打开记录所在页面</source>
        <translation>Open its page</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>全部（{n}）</source>
        <translation>All ({n})</translation>
    </message>
    <message>
        <source>这项指标没有依据记录</source>
        <translation>This figure has no records</translation>
    </message>
    <message>
        <source>共 {n} 条</source>
        <translation>{n} records</translation>
    </message>
    <message>
        <source>显示 {shown} / {n} 条</source>
        <translation>Showing {shown} of {n}</translation>
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
    <name>SignInKeying</name>
    <message>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>增加一行</source>
        <translation>Add a row</translation>
    </message>
    <message>
        <source>纸面空白行写满后，写在表格下方的人员从这里增加（行号顺延）</source>
        <translation>When the blank rows are full, people written below the table are added here (the row codes continue)</translation>
    </message>
    <message>
        <source>志愿服务签到表（录时长）</source>
        <translation>Volunteer sign-in sheet (with hours)</translation>
    </message>
    <message>
        <source>签到表</source>
        <translation>Sign-in sheet</translation>
    </message>
    <message>
        <source>{kind}&#x3000;{code}《{title}》&#x3000;共 {pages} 页</source>
        <translation>{kind} · {code} “{title}” · {pages} page(s)</translation>
    </message>
    <message>
        <source>输入行号定位（7 即 007）</source>
        <translation>Type a row code to go there (7 is 007)</translation>
    </message>
    <message>
        <source>空格：到／缺</source>
        <translation>Space: present/absent</translation>
    </message>
    <message>
        <source>F2：空白行填姓名</source>
        <translation>F2: name on a blank row</translation>
    </message>
    <message>
        <source>F3：填时长</source>
        <translation>F3: hours</translation>
    </message>
    <message>
        <source>Del：撤销本行改动</source>
        <translation>Del: undo the row&apos;s changes</translation>
    </message>
    <message>
        <source>回车：下一行</source>
        <translation>Enter: next row</translation>
    </message>
    <message>
        <source>Ctrl+S：保存</source>
        <translation>Ctrl+S: save</translation>
    </message>
    <message>
        <source>到 {present} · 缺 {absent} · 未录 {unkeyed} · 现场加入 {walk} · 未保存 {pending} 行</source>
        <translation>Present {present} · absent {absent} · not keyed {unkeyed} · walk-ins {walk} · {pending} row(s) unsaved</translation>
    </message>
    <message>
        <source>第 {code} 行是现场加入人员，已记为到场；如为误录请在“活动与走访”中删除该行。</source>
        <translation>Row {code} is a walk-in and counts as present; if it was keyed by mistake, delete the row on the Activities page.</translation>
    </message>
    <message>
        <source>印好的姓名不能改；现场加入的人员请写在空白行。</source>
        <translation>Printed names cannot be changed; walk-ins go on the blank rows.</translation>
    </message>
    <message>
        <source>缺席人员不登记服务时长。</source>
        <translation>No hours are recorded for someone absent.</translation>
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
    <name>SuppliesBrowser</name>
    <message>
        <source>供给</source>
        <comment>noun</comment>
        <translation>supply</translation>
    </message>
    <message>
        <source>搜索编号、名称、说明</source>
        <translation>Search code, title, description</translation>
    </message>
    <message>
        <source>供给 {code}（{title}）</source>
        <translation>supply {code} ({title})</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>供给名称</source>
        <translation>Supply</translation>
    </message>
    <message>
        <source>提供单位</source>
        <translation>Offered by</translation>
    </message>
    <message>
        <source>季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>容量</source>
        <translation>Capacity</translation>
    </message>
    <message>
        <source>剩余</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>容量减去已确认分配</source>
        <translation>Capacity minus confirmed allocations</translation>
    </message>
    <message>
        <source>可服务类别</source>
        <translation>Serves</translation>
    </message>
    <message>
        <source>定向村（社区）</source>
        <translation>For community</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>any</translation>
    </message>
    <message>
        <source>全部季度</source>
        <translation>All quarters</translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation>All types</translation>
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
        <source>所属季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>供给类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>本季度容量</source>
        <translation>Capacity this quarter</translation>
    </message>
    <message>
        <source>资金以元计，人才以人·天计，项目以个、物资/设备以件、场地以场次计</source>
        <translation>Funds in yuan, talent in person-days, projects, goods and spaces in projects, items and sessions</translation>
    </message>
    <message>
        <source>（不限）</source>
        <translation>(any)</translation>
    </message>
    <message>
        <source>只供某一村（社区）使用时选择</source>
        <translation>When it is only for one community</translation>
    </message>
    <message>
        <source>可服务的需求类别</source>
        <translation>Demand categories served</translation>
    </message>
    <message>
        <source>供给说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>单位：{unit}</source>
        <translation>in {unit}</translation>
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
    <name>SupplyUnit</name>
    <message>
        <source>元</source>
        <translation>yuan</translation>
    </message>
    <message>
        <source>人·天</source>
        <translation>person-days</translation>
    </message>
    <message>
        <source>个</source>
        <translation>projects</translation>
    </message>
    <message>
        <source>件</source>
        <translation>items</translation>
    </message>
    <message>
        <source>场次</source>
        <translation>sessions</translation>
    </message>
</context>
<context>
    <name>SyncScreen</name>
    <message>
        <source>数据同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>与乡镇办公室的县级服务器交换台账数据。</source>
        <translation>Exchange ledger data with the county server at the township office.</translation>
    </message>
    <message>
        <source>注册到县级服务器</source>
        <translation>Enrol with the county server</translation>
    </message>
    <message>
        <source>注册</source>
        <translation>Enrol</translation>
    </message>
    <message>
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>注册码</source>
        <translation>Enrolment code</translation>
    </message>
    <message>
        <source>同步状态</source>
        <translation>Sync status</translation>
    </message>
    <message>
        <source>服务器</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>乡镇（街道）</source>
        <translation>Township</translation>
    </message>
    <message>
        <source>本设备</source>
        <translation>This device</translation>
    </message>
    <message>
        <source>上次同步</source>
        <translation>Last sync</translation>
    </message>
    <message>
        <source>待上传</source>
        <translation>Waiting to upload</translation>
    </message>
    <message>
        <source>同步结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>冲突</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>现在的值</source>
        <translation>Current value</translation>
    </message>
    <message>
        <source>被替换的值</source>
        <translation>Replaced value</translation>
    </message>
    <message>
        <source>发现时间</source>
        <translation>Detected</translation>
    </message>
    <message>
        <source>保留现值</source>
        <translation>Keep current</translation>
    </message>
    <message>
        <source>改用被替换的值</source>
        <translation>Use replaced</translation>
    </message>
    <message>
        <source>没有待处理的冲突。</source>
        <translation>No conflicts to resolve.</translation>
    </message>
    <message>
        <source>同步提示</source>
        <translation>Sync notices</translation>
    </message>
    <message>
        <source>已阅</source>
        <translation>Mark as read</translation>
    </message>
    <message>
        <source>从未同步</source>
        <translation>Never synced</translation>
    </message>
    <message>
        <source>{n} 条本机修改等待上传</source>
        <translation>{n} local changes waiting to upload</translation>
    </message>
    <message>
        <source>没有等待上传的修改</source>
        <translation>No changes waiting to upload</translation>
    </message>
    <message>
        <source>采用此值</source>
        <translation>Use this value</translation>
    </message>
    <message>
        <source>（已阅）</source>
        <translation> (read)</translation>
    </message>
    <message>
        <source>没有同步提示。</source>
        <translation>No sync notices.</translation>
    </message>
    <message>
        <source>请填写服务器地址和注册码。</source>
        <translation>Please enter the server address and the enrolment code.</translation>
    </message>
    <message>
        <source>正在连接县级服务器…</source>
        <translation>Connecting to the county server…</translation>
    </message>
    <message>
        <source>注册成功，可以开始同步。</source>
        <translation>Enrolled. You can sync now.</translation>
    </message>
    <message>
        <source>正在与县级服务器同步…</source>
        <translation>Syncing with the county server…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>正在取消，请稍候…</source>
        <translation>Cancelling, please wait…</translation>
    </message>
    <message>
        <source>冲突已处理。</source>
        <translation>Conflict resolved.</translation>
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
    <name>Tile</name>
    <message>
        <source>目标 {target}</source>
        <translation>Target {target}</translation>
    </message>
    <message>
        <source>未设目标</source>
        <translation>No target</translation>
    </message>
    <message>
        <source>目标依据：{basis}</source>
        <translation>Target basis: {basis}</translation>
    </message>
    <message>
        <source>点击查看依据记录</source>
        <translation>Click to see the records</translation>
    </message>
</context>
<context>
    <name>TrainingBrowser</name>
    <message>
        <source>培训记录</source>
        <comment>noun</comment>
        <translation>training record</translation>
    </message>
    <message>
        <source>搜索学员、培训名称</source>
        <translation>Search trainee, training</translation>
    </message>
    <message>
        <source>{name}的培训“{title}”</source>
        <translation>{name}&apos;s training “{title}”</translation>
    </message>
    <message>
        <source>培训日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>学员</source>
        <translation>Trainee</translation>
    </message>
    <message>
        <source>培训名称</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>学时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>培训单位</source>
        <translation>Given by</translation>
    </message>
    <message>
        <source>村（社区）</source>
        <translation>Community</translation>
    </message>
    <message>
        <source>全部村（社区）</source>
        <translation>All communities</translation>
    </message>
    <message>
        <source>学员姓名</source>
        <translation>Trainees</translation>
    </message>
    <message>
        <source>每行一个姓名</source>
        <translation>one name a line</translation>
    </message>
    <message>
        <source>同一场培训的多名学员可一次录入，每行一人；学员是联点干部时在下方选择</source>
        <translation>Several trainees of one training at once, one a line; choose a cadre below instead</translation>
    </message>
    <message>
        <source>联点干部</source>
        <translation>Cadre</translation>
    </message>
    <message>
        <source>（不是联点干部）</source>
        <translation>(not a cadre)</translation>
    </message>
    <message>
        <source>学时（小时）</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>学员所在村（社区）</source>
        <translation>Trainee&apos;s community</translation>
    </message>
    <message>
        <source>（乡镇/街道）</source>
        <translation>(township)</translation>
    </message>
    <message>
        <source>选了联点干部时只能录入一人</source>
        <translation>With a cadre chosen, only one trainee</translation>
    </message>
    <message>
        <source>请填写学员姓名，或选择联点干部</source>
        <translation>Enter the trainees&apos; names, or choose a cadre</translation>
    </message>
    <message>
        <source>已录入 {n} 条培训记录</source>
        <translation>{n} training records saved</translation>
    </message>
    <message>
        <source>差额</source>
        <translation>Gap</translation>
    </message>
    <message>
        <source>点击一人，在左侧列出其培训记录。只统计有培训记录的人员。</source>
        <translation>Click a person to list their training. Only people with training records are counted.</translation>
    </message>
    <message>
        <source>{year} 年培训学时（目标每人 {target} 学时）</source>
        <translation>Training hours in {year} (target {target} each)</translation>
    </message>
    <message>
        <source>{n} 人参加培训，{met} 人达标，{below} 人未达标（红色）</source>
        <translation>{n} trained: {met} on target, {below} below (red)</translation>
    </message>
    <message>
        <source>还差 {n}</source>
        <translation>{n} short</translation>
    </message>
    <message>
        <source>达标</source>
        <translation>On target</translation>
    </message>
</context>
<context>
    <name>TransferScreen</name>
    <message>
        <source>导入与导出</source>
        <translation>Import and export</translation>
    </message>
    <message>
        <source>把村（社区）、部门报来的 Excel/WPS 表格导入台账（导入前逐行检查并预览）；按县里的格式导出三张清单。</source>
        <translation>Import the Excel/WPS workbooks villages and departments send (every row checked and previewed first); export the three lists in the county&apos;s layout.</translation>
    </message>
    <message>
        <source>从 Excel 导入</source>
        <translation>Import from Excel</translation>
    </message>
    <message>
        <source>导出到 Excel</source>
        <translation>Export to Excel</translation>
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
<context>
    <name>WorkforceScreen</name>
    <message>
        <source>培训与蹲点</source>
        <translation>Training &amp; cadre days</translation>
    </message>
    <message>
        <source>基层工作人员每年培训不少于 40 学时；专职联点干部每年蹲点不少于 30 天（与志愿服务时长分开记录）；专项经费每人每年不少于 20 元，使用率不低于 85%。</source>
        <translation>Grassroots workers train at least 40 hours a year; full-time cadres spend at least 30 days a year in their community (kept apart from volunteer hours); the special fund is at least 20 yuan a resident a year, with at least 85 % used.</translation>
    </message>
    <message>
        <source>培训记录</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>蹲点天数</source>
        <translation>Cadre days</translation>
    </message>
    <message>
        <source>经费</source>
        <translation>Funds</translation>
    </message>
</context>
<context>
    <name>YearBrowser</name>
    <message>
        <source>全部年度</source>
        <translation>All years</translation>
    </message>
</context>
</TS>
