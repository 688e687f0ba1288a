"""Realistic documents in each format, as other tools and teachers write them, for the tests."""

from __future__ import annotations

import base64

from .factories import png_bytes

QTI3_CHOICE = """<?xml version="1.0" encoding="UTF-8"?>
<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0"
    xmlns:m="http://www.w3.org/1998/Math/MathML"
    identifier="frac-add" title="分数加法" adaptive="false" time-dependent="false">
  <qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier">
    <qti-correct-response><qti-value>ChoiceB</qti-value></qti-correct-response>
  </qti-response-declaration>
  <qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float" normal-maximum="2"/>
  <qti-item-body>
    <div>
      <p>小明吃了一个蛋糕的
        <m:math><m:mfrac><m:mn>1</m:mn><m:mn>2</m:mn></m:mfrac></m:math>，
        小红吃了 <m:math><m:mfrac><m:mn>1</m:mn><m:mn>3</m:mn></m:mfrac></m:math>。</p>
    </div>
    <qti-choice-interaction response-identifier="RESPONSE" shuffle="true" max-choices="1">
      <qti-prompt>两人一共吃了这个蛋糕的几分之几？</qti-prompt>
      <qti-simple-choice identifier="ChoiceA"><m:math><m:mfrac><m:mn>2</m:mn><m:mn>5</m:mn></m:mfrac></m:math></qti-simple-choice>
      <qti-simple-choice identifier="ChoiceB"><m:math><m:mfrac><m:mn>5</m:mn><m:mn>6</m:mn></m:mfrac></m:math></qti-simple-choice>
      <qti-simple-choice identifier="ChoiceC">1</qti-simple-choice>
    </qti-choice-interaction>
  </qti-item-body>
  <qti-response-processing template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml"/>
  <qti-modal-feedback outcome-identifier="FEEDBACK" identifier="correct" show-hide="show">
    <qti-content-body><p>通分后相加。</p></qti-content-body>
  </qti-modal-feedback>
  <qti-modal-feedback outcome-identifier="FEEDBACK" identifier="incorrect" show-hide="show">
    <qti-content-body><p>通分后相加。</p></qti-content-body>
  </qti-modal-feedback>
</qti-assessment-item>
"""

QTI21_TEXT_ENTRY = """<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="capital"
    title="Capital" adaptive="false" timeDependent="false">
  <responseDeclaration identifier="R1" cardinality="single" baseType="string">
    <correctResponse><value>Beijing</value></correctResponse>
    <mapping defaultValue="0">
      <mapEntry mapKey="Beijing" mappedValue="1" caseSensitive="false"/>
      <mapEntry mapKey="Peking" mappedValue="1"/>
      <mapEntry mapKey="Shanghai" mappedValue="0"/>
    </mapping>
  </responseDeclaration>
  <responseDeclaration identifier="R2" cardinality="single" baseType="float">
    <correctResponse><value>21.5</value></correctResponse>
  </responseDeclaration>
  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>
  <outcomeDeclaration identifier="MAXSCORE" cardinality="single" baseType="float">
    <defaultValue><value>4</value></defaultValue>
  </outcomeDeclaration>
  <itemBody>
    <p>The capital of China is <textEntryInteraction responseIdentifier="R1" expectedLength="10"/>.
       Its population is about <textEntryInteraction responseIdentifier="R2"/> million.</p>
  </itemBody>
  <responseProcessing>
    <responseCondition><responseIf>
      <equal toleranceMode="absolute" tolerance="0.5 0.5">
        <variable identifier="R2"/><correct identifier="R2"/>
      </equal>
      <setOutcomeValue identifier="SCORE"><baseValue baseType="float">2</baseValue></setOutcomeValue>
    </responseIf></responseCondition>
  </responseProcessing>
</assessmentItem>
"""

QTI21_TRUE_FALSE = """<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="tf1"
    title="TF" adaptive="false" timeDependent="false">
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
    <correctResponse><value>F</value></correctResponse>
  </responseDeclaration>
  <itemBody>
    <choiceInteraction responseIdentifier="RESPONSE" maxChoices="1">
      <prompt>The sun goes round the earth.</prompt>
      <simpleChoice identifier="T">True</simpleChoice>
      <simpleChoice identifier="F">False</simpleChoice>
    </choiceInteraction>
  </itemBody>
  <modalFeedback outcomeIdentifier="FEEDBACK" identifier="fb" showHide="show">The earth goes round the sun.</modalFeedback>
</assessmentItem>
"""

QTI3_ESSAY = """<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="essay-1"
    title="Essay" adaptive="false" time-dependent="false"
    data-zuoye-knowledge-points="chinese.g7a.u2.kp01" data-zuoye-difficulty="4" data-zuoye-minutes="6"
    data-zuoye-source="期中练习">
  <qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="string"/>
  <qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float" external-scored="human"/>
  <qti-item-body>
    <p>读下面的语段，回答问题。</p>
    <qti-rubric-block view="candidate"><qti-content-body><p>（答案写在横线上）</p></qti-content-body></qti-rubric-block>
    <qti-rubric-block view="scorer"><qti-content-body><p>要点：母爱深沉。</p></qti-content-body></qti-rubric-block>
    <qti-extended-text-interaction response-identifier="RESPONSE"/>
  </qti-item-body>
</qti-assessment-item>
"""


PNG = base64.b64encode(png_bytes()).decode()

QUIZ = f"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category">
    <category><text>$course$/top/五年级数学/分数的加法和减法</text></category>
  </question>
  <question type="multichoice">
    <name><text>分数加法 1</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>计算 \\(\\frac{{1}}{{2}}+\\frac{{1}}{{3}}\\) 的结果是</p><p><img src="@@PLUGINFILE@@/cake%20fig.png" alt=""></p>]]></text>
      <file name="cake fig.png" path="/" encoding="base64">{PNG}</file>
    </questiontext>
    <generalfeedback format="html"><text><![CDATA[<p>先通分：\\(\\frac{{3}}{{6}}+\\frac{{2}}{{6}}\\)。</p>]]></text></generalfeedback>
    <defaultgrade>2.0000000</defaultgrade>
    <idnumber>frac-add-1</idnumber>
    <single>true</single>
    <shuffleanswers>true</shuffleanswers>
    <answer fraction="0" format="html"><text>\\(\\frac{{2}}{{5}}\\)</text></answer>
    <answer fraction="100" format="html"><text>\\(\\frac{{5}}{{6}}\\)</text></answer>
    <answer fraction="0" format="html"><text>\\(\\frac{{1}}{{6}}\\)</text></answer>
    <tags>
      <tag><text>kp:math.g5b.u6.kp02</text></tag>
      <tag><text>难度:2</text></tag>
      <tag><text>minutes:2</text></tag>
      <tag><text>期末复习</text></tag>
    </tags>
  </question>
  <question type="multichoice">
    <name><text>Primes</text></name>
    <questiontext format="html"><text>Which numbers are prime?</text></questiontext>
    <single>false</single>
    <answer fraction="50"><text>2</text></answer>
    <answer fraction="-100"><text>9</text></answer>
    <answer fraction="50"><text>13</text></answer>
  </question>
  <question type="truefalse">
    <name><text>TF</text></name>
    <questiontext format="moodle_auto_format"><text>0 是自然数。</text></questiontext>
    <answer fraction="100" format="moodle_auto_format"><text>true</text></answer>
    <answer fraction="0" format="moodle_auto_format"><text>false</text></answer>
  </question>
  <question type="shortanswer">
    <name><text>Capital</text></name>
    <questiontext format="html"><text>中国的首都是______。</text></questiontext>
    <usecase>0</usecase>
    <answer fraction="100"><text>北京</text></answer>
    <answer fraction="100"><text>北京市</text></answer>
    <answer fraction="50"><text>燕京</text></answer>
  </question>
  <question type="numerical">
    <name><text>Area</text></name>
    <questiontext format="html"><text>底 6.5 厘米、高 4 厘米的平行四边形，面积是多少平方厘米？</text></questiontext>
    <answer fraction="100"><text>26</text><tolerance>0.1</tolerance></answer>
  </question>
  <question type="essay">
    <name><text>Equation</text></name>
    <questiontext format="html"><text>解方程 \\(2x+3=7\\)。</text></questiontext>
    <generalfeedback format="html"><text>移项后两边同除以 2。</text></generalfeedback>
    <graderinfo format="html"><text><![CDATA[<p>\\(2x=4\\)</p><p>\\(x=2\\)</p>]]></text></graderinfo>
  </question>
  <question type="description">
    <name><text>Intro</text></name>
    <questiontext format="html"><text>以下各题请在 20 分钟内完成。</text></questiontext>
  </question>
</quiz>
"""
